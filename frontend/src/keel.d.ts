export {};

declare global {
  interface Window {
    /**
     * Test hooks: window.__keel.dropFiles(paths) does exactly what an OS file
     * drop does; when window.__keel.exportPath is set, "Export report" writes
     * there instead of opening the native save dialog (the browser tests
     * cannot drive it).
     */
    __keel?: { dropFiles(paths: string[]): Promise<void>; exportPath?: string };
  }
}
