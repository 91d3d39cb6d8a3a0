export {};

declare global {
  interface Window {
    /** Test hook: window.__keel.dropFiles(paths) does exactly what an OS file drop does. */
    __keel?: { dropFiles(paths: string[]): Promise<void> };
  }
}
