import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from './App.svelte';
import { app } from './lib/app.svelte';
import { PREVIEWS, WS } from './test/fixtures';
import { installFake } from './test/fake';

async function ready(timeout = 1000) {
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'), { timeout });
}

const key = (k: string, extra: KeyboardEventInit = {}) => fireEvent.keyDown(window, { key: k, ...extra });

describe('App', () => {
  it('opens on Home with the workspace and marks the page ready', async () => {
    const fake = installFake();
    render(App);
    await ready();
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(screen.getByTestId('workspace-name').textContent).toBe('Acme Analytics');
    expect(fake.Workspace.Summary).toHaveBeenCalledTimes(1);
    expect(screen.getAllByTestId('source-card')).toHaveLength(2);
  });

  it("shows the window's shape while the workspace opens, never a blank window", async () => {
    installFake();
    app.phase = 'starting';
    render(App);
    const boot = screen.getByTestId('boot');
    expect(boot.getAttribute('aria-busy')).toBe('true');
    expect(boot.querySelectorAll('.skeleton').length).toBeGreaterThan(8);
    await ready();
    expect(screen.queryByTestId('boot')).toBeNull();
  });

  it('lists only the areas that work, in order', async () => {
    installFake();
    render(App);
    await ready();
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Home', 'Imports', 'Revenue', 'Users', 'Feedback', 'Support load', 'Accounts', 'Releases', 'Plans & costs', 'Manual work', 'Decisions', 'Monthly review']);
  });

  it('jumps between areas with g then a letter', async () => {
    installFake();
    render(App);
    await ready();
    await key('g');
    await key('i');
    expect(await screen.findByTestId('screen-imports')).toBeTruthy();
    expect(screen.getByTestId('nav-imports').getAttribute('aria-current')).toBe('page');
    await key('g');
    await key('h');
    expect(await screen.findByTestId('screen-home')).toBeTruthy();
    // A lone letter does nothing.
    await key('i');
    expect(screen.queryByTestId('screen-imports')).toBeNull();
  });

  it('ignores shortcuts while typing in a field', async () => {
    installFake();
    render(App);
    await ready();
    const input = document.createElement('input');
    document.body.appendChild(input);
    await fireEvent.keyDown(input, { key: 'g' });
    await fireEvent.keyDown(input, { key: 'i' });
    expect(app.screen).toBe('home');
    input.remove();
  });

  it('shows the shortcuts with ? and closes them with Esc', async () => {
    installFake();
    render(App);
    await ready();
    await key('?');
    const help = await screen.findByTestId('shortcuts-help');
    expect(help.textContent).toContain('Go to Imports');
    await key('Escape');
    expect(screen.queryByTestId('shortcuts-help')).toBeNull();
  });

  it('runs commands from the palette (Ctrl/Cmd+K)', async () => {
    installFake();
    render(App);
    await ready();
    await key('k', { ctrlKey: true });
    const input = (await screen.findByTestId('palette-input')) as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: 'go imp' } });
    expect(screen.getAllByTestId('palette-item')[0].textContent).toContain('Go to Imports');
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByTestId('screen-imports')).toBeTruthy();
    expect(screen.queryByTestId('command-palette')).toBeNull();

    await key('k', { metaKey: true });
    await screen.findByTestId('command-palette');
    await key('Escape');
    expect(screen.queryByTestId('command-palette')).toBeNull();
  });

  it('window.__keel.dropFiles does what an OS drop does', async () => {
    const fake = installFake();
    render(App);
    await ready();
    await window.__keel!.dropFiles([PREVIEWS[0].path]);
    expect(await screen.findByTestId('screen-imports')).toBeTruthy();
    expect(await screen.findAllByTestId('preview-card')).toHaveLength(1);
    expect(fake.Imports.Preview).toHaveBeenCalledWith([PREVIEWS[0].path]);

    await key('g');
    await key('h');
    fake.osDrop([PREVIEWS[1].path]);
    expect(await screen.findByTestId('screen-imports')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('preview-card')).toHaveLength(2));
    expect(fake.Imports.Preview).toHaveBeenLastCalledWith([PREVIEWS[1].path]);
  });

  it('refreshes everything on workspace:changed', async () => {
    const fake = installFake();
    render(App);
    await ready();
    fake.emit('workspace:changed', {});
    await waitFor(() => expect(fake.Workspace.Summary).toHaveBeenCalledTimes(2));
    expect(fake.Workspace.Current).toHaveBeenCalledTimes(2);
  });

  it('shows the welcome screen without a workspace and opens a recent one', async () => {
    const fake = installFake({
      Workspace: {
        Current: async () => null,
        Recent: async () => [{ path: '/w/Side.keel', name: 'Side Project', opened_at: new Date().toISOString() }],
      },
    });
    render(App);
    await ready();
    expect(screen.getByTestId('screen-welcome')).toBeTruthy();
    expect(screen.queryByTestId('sidebar')).toBeNull();
    await fireEvent.click(screen.getByTestId('recent-item'));
    expect(fake.Workspace.Open).toHaveBeenCalledWith('/w/Side.keel');
    expect(await screen.findByTestId('screen-home')).toBeTruthy();
  });

  it('shows the backend sentence in a toast when opening fails', async () => {
    installFake({
      Workspace: {
        Current: async () => null,
        OpenDialog: async () => {
          throw { code: 'conflict', message: 'Another Keel window has this workspace open.' };
        },
      },
    });
    render(App);
    await ready();
    await fireEvent.click(screen.getByTestId('welcome-open'));
    const t = await screen.findByTestId('toast');
    expect(t.textContent).toContain('Another Keel window has this workspace open.');
    expect(screen.getByTestId('screen-welcome')).toBeTruthy();
  });

  it('creates a workspace after asking for its name', async () => {
    const fake = installFake({ Workspace: { Current: async () => null, CreateDialog: async (name: string) => ({ ...WS, name }) } });
    render(App);
    await ready();
    await fireEvent.click(screen.getByTestId('welcome-new'));
    const input = (await screen.findByTestId('workspace-name')) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '  Beta Inc ' } });
    await fireEvent.submit(input.form!);
    expect(fake.Workspace.CreateDialog).toHaveBeenCalledWith('Beta Inc');
    expect(await screen.findByTestId('screen-home')).toBeTruthy();
  });

  it('shows progress while the demo is built', async () => {
    let finish: (v: unknown) => void = () => {};
    const fake = installFake({
      Workspace: { Current: async () => null, OpenDemo: () => new Promise((r) => (finish = r)) },
    });
    render(App);
    await ready();
    await fireEvent.click(screen.getByTestId('welcome-demo'));
    const box = await screen.findByTestId('demo-progress');
    fake.emit('demo:progress', { step: 'Writing Stripe payments', file: 'stripe_payments.csv', done: false });
    await waitFor(() => expect(box.textContent).toContain('Writing Stripe payments'));
    expect(box.textContent).toContain('stripe_payments.csv');
    finish({ ...WS, name: 'Keel demo' });
    expect(await screen.findByTestId('screen-home')).toBeTruthy();
    await waitFor(() => expect(fake.subscribers('demo:progress')).toBe(0));
  });

  it('renders a helpful message without window.go (plain browser), and starts if it arrives late', async () => {
    render(App);
    await ready(5000); // the page waits a few seconds for Wails to inject window.go
    expect(screen.getByTestId('screen-nobackend').textContent).toContain('start Keel itself');
    installFake();
    expect(await screen.findByTestId('screen-home', {}, { timeout: 2000 })).toBeTruthy();
  }, 10_000);
});
