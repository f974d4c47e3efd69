// The extension's wiring, run against the fakes installed by vscodeStub.ts: which commands
// it registers, how it builds the language client, when it restarts it.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { documentSelector, FIX_ALL_KIND } from '../documents';
import { LanguageClient } from './fakeLanguageClient';
import * as fake from './fakeVscode';

const posixIt = process.platform === 'win32' ? it.skip : it;
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

type Extension = typeof import('../extension');

let tmp: string;
let savedPath: string | undefined;
let extension: Extension;
let context: { extensionPath: string; subscriptions: { dispose(): unknown }[] };

function loadExtension(): Extension {
    // A fresh copy per test: the module keeps the running client in module state.
    for (const name of ['extension', 'python']) {
        delete require.cache[require.resolve(`../${name}`)];
    }
    return require('../extension') as Extension;
}

async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 3000;
    while (!condition()) {
        if (Date.now() > deadline) {
            assert.fail(`timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

function clients(): LanguageClient[] {
    return LanguageClient.instances;
}

function lastClient(): LanguageClient {
    const all = clients();
    assert.ok(all.length > 0, 'no language client was created');
    return all[all.length - 1];
}

function script(name: string, exitCode: number): string {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, `#!/bin/sh\nexit ${exitCode}\n`);
    fs.chmodSync(file, 0o755);
    return file;
}

function addBundle(): void {
    fs.mkdirSync(path.join(tmp, 'ext', 'bundled', 'libs', 'dockwise'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'ext', 'bundled', 'libs', 'dockwise', '__init__.py'), '');
    const platform = `${process.platform === 'darwin' ? 'macosx-11.0' : process.platform}-${process.arch === 'x64' ? 'x86_64' : process.arch}`;
    fs.writeFileSync(path.join(tmp, 'ext', 'bundled', 'manifest.json'), JSON.stringify({ python: '3.11', platform }));
}

/** A fake ms-python.python whose active interpreter is `executable`. */
function installPythonExtension(executable: string, version = { major: 3, minor: 12, micro: 1 }) {
    const listeners: (() => void)[] = [];
    const ext = {
        isActive: false,
        activations: 0,
        async activate() {
            ext.isActive = true;
            ext.activations++;
        },
        exports: {
            environments: {
                getActiveEnvironmentPath: () => ({ id: 'venv', path: executable }),
                resolveEnvironment: async () => ({ executable: { uri: fake.Uri.file(executable) }, version }),
                onDidChangeActiveEnvironmentPath: (listener: () => void) => {
                    listeners.push(listener);
                    return { dispose: () => undefined };
                },
            },
        },
        fireChange: () => listeners.forEach((l) => l()),
    };
    fake.__state.extensions.set('ms-python.python', ext);
    return ext;
}

describe('extension (stubbed vscode)', () => {
    beforeEach(() => {
        fake.__reset();
        LanguageClient.instances = [];
        LanguageClient.failNextStart = undefined;
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-extension-'));
        fs.mkdirSync(path.join(tmp, 'ext'));
        fs.mkdirSync(path.join(tmp, 'bin'));
        savedPath = process.env.PATH;
        process.env.PATH = path.join(tmp, 'bin'); // no Python unless a test puts one there
        context = { extensionPath: path.join(tmp, 'ext'), subscriptions: [] };
        extension = loadExtension();
    });

    afterEach(async () => {
        await extension.deactivate();
        for (const d of context.subscriptions) {
            d.dispose();
        }
        process.env.PATH = savedPath;
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('starts `<dockwise.path> lsp` with the selector, settings and sync section', async () => {
        fake.__state.config = { path: ['/usr/local/bin/dockwise'], select: ['DL3'], unsafeFixes: true };
        const python = installPythonExtension('/never/used');
        await extension.activate(context as never);

        assert.strictEqual(clients().length, 1);
        const client = lastClient();
        assert.strictEqual(client.state, 'running');
        assert.strictEqual(client.id, 'dockwise'); // so `dockwise.trace.server` is honoured
        assert.deepStrictEqual([client.serverOptions.run.command, client.serverOptions.run.args], ['/usr/local/bin/dockwise', ['lsp']]);
        assert.deepStrictEqual(client.serverOptions.debug, client.serverOptions.run);
        const options = client.clientOptions;
        assert.deepStrictEqual(options.documentSelector, documentSelector());
        assert.deepStrictEqual(options.synchronize, { configurationSection: 'dockwise' });
        // the pulled diagnostics' collection is named `dockwise` (the server's identifier): no second one
        assert.strictEqual(options.diagnosticCollectionName, undefined);
        assert.deepStrictEqual(options.initializationOptions, {
            settings: { select: ['DL3'], ignore: [], extendSelect: [], severityOverrides: {}, unsafeFixes: true, shellcheck: null, debounceMs: 30, pinDigests: false, mergeStyle: null },
        });
        assert.ok(fake.__state.logs.some((l) => l.text === 'Starting the server using dockwise.path: /usr/local/bin/dockwise lsp'));
        assert.strictEqual(python.activations, 0, 'the Python extension is not activated when dockwise.path is set');
    });

    it('registers exactly the commands package.json declares', async () => {
        fake.__state.config = { path: ['dockwise'] };
        await extension.activate(context as never);
        const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
        assert.deepStrictEqual([...fake.__state.commands.keys()].sort(), declared);
        assert.deepStrictEqual(declared, ['dockwise.fixAll', 'dockwise.restart', 'dockwise.showOutput']);
    });

    it('expands ${workspaceFolder} in dockwise.interpreter and runs -m dockwise lsp outside the project', async () => {
        fake.__state.folders = [{ uri: fake.Uri.file('/w/proj'), name: 'proj', index: 0 }];
        fake.__state.config = { interpreter: ['${workspaceFolder}/.venv/bin/python'] };
        await extension.activate(context as never);
        const run = lastClient().serverOptions.run;
        assert.deepStrictEqual([run.command, run.args, run.options.cwd], ['/w/proj/.venv/bin/python', ['-m', 'dockwise', 'lsp'], context.extensionPath]);
    });

    posixIt("uses the Python extension's interpreter when dockwise imports in it, and follows its changes", async () => {
        const venvPython = script('venv-python', 0);
        const python = installPythonExtension(venvPython);
        await extension.activate(context as never);
        assert.strictEqual(python.activations, 1);
        assert.deepStrictEqual([lastClient().serverOptions.run.command, lastClient().serverOptions.run.args], [venvPython, ['-m', 'dockwise', 'lsp']]);

        python.fireChange();
        await until(() => clients().length === 2 && clients()[1].state === 'running', 'a restart');
        assert.strictEqual(clients()[0].state, 'stopped');
    });

    posixIt('falls back to the bundle with a Python from PATH when the interpreter lacks dockwise', async () => {
        installPythonExtension(script('venv-python', 1));
        addBundle();
        const python311 = path.join(tmp, 'bin', 'python3.11');
        fs.copyFileSync(script('py', 0), python311);
        fs.chmodSync(python311, 0o755);
        await extension.activate(context as never);
        const run = lastClient().serverOptions.run;
        assert.deepStrictEqual([run.command, run.args], [python311, ['-m', 'dockwise', 'lsp']]);
        assert.strictEqual(run.options.env.PYTHONPATH.split(path.delimiter)[0], path.join(tmp, 'ext', 'bundled', 'libs'));
    });

    posixIt("ignores the Python extension's interpreter until the workspace is trusted", async () => {
        fake.__state.isTrusted = false;
        const python = installPythonExtension(script('venv-python', 0));
        await extension.activate(context as never);
        assert.strictEqual(python.activations, 0);
        assert.strictEqual(clients().length, 0);
        assert.match(fake.__state.messages[0].text, /no interpreter selected \(the workspace is not trusted\)/);

        fake.__grantTrust();
        await until(() => clients().length === 1, 'a start after trust is granted');
        assert.strictEqual(lastClient().serverOptions.run.args.join(' '), '-m dockwise lsp');
    });

    it('runs a dockwise.path executable in the first workspace folder', async () => {
        fake.__state.folders = [{ uri: fake.Uri.file('/w/proj'), name: 'proj', index: 0 }];
        fake.__state.config = { path: ['dockwise'] };
        await extension.activate(context as never);
        assert.strictEqual(lastClient().serverOptions.run.options.cwd, '/w/proj');
    });

    it('shows one clear error when nothing can start the server, and starts once dockwise.path is set', async () => {
        fake.__state.messagesNeverAnswered = true; // the user leaves the error open
        await extension.activate(context as never);
        assert.strictEqual(clients().length, 0);
        const errors = fake.__state.messages.filter((m) => m.level === 'error');
        assert.strictEqual(errors.length, 1);
        assert.match(errors[0].text, /^Cannot start the dockwise language server: the Python extension \(ms-python\.python\) is not installed; this build of the extension has no bundled copy/);
        assert.deepStrictEqual(errors[0].items, ['Open Settings', 'Show Output']);

        fake.__changeConfig({ 'dockwise.path': ['/opt/dockwise/bin/dockwise'] });
        await until(() => clients().length === 1, 'a client after setting dockwise.path');
        assert.strictEqual(lastClient().serverOptions.run.command, '/opt/dockwise/bin/dockwise');
    });

    it('restarts on dockwise.path / dockwise.interpreter changes only', async () => {
        fake.__state.config = { path: ['/a/dockwise'] };
        await extension.activate(context as never);

        fake.__changeConfig({ 'dockwise.select': ['DL'], 'dockwise.trace.server': 'verbose' });
        await new Promise((resolve) => setTimeout(resolve, 30));
        assert.strictEqual(clients().length, 1);

        fake.__changeConfig({ 'dockwise.interpreter': ['/usr/bin/python3'] });
        await until(() => clients().length === 2 && clients()[1].state === 'running', 'a restart');
        assert.strictEqual(clients()[0].state, 'stopped');
        // dockwise.path still wins over the new interpreter.
        assert.strictEqual(clients()[1].serverOptions.run.command, '/a/dockwise');
    });

    it('answers workspace/configuration for dockwise with validated settings and passes other sections through', async () => {
        fake.__state.config = { path: ['dockwise'], ignore: ['DL3008'], debounceMs: 'slow' };
        await extension.activate(context as never);
        const middleware = lastClient().clientOptions.middleware.workspace;
        const next = async (params: { items: unknown[] }) => params.items.map(() => ({ raw: true }));
        const answer = await middleware.configuration(
            { items: [{ section: 'dockwise', scopeUri: 'file:///w/proj/Dockerfile' }, { section: 'python' }] },
            undefined,
            next,
        );
        assert.deepStrictEqual(answer, [
            { select: null, ignore: ['DL3008'], extendSelect: [], severityOverrides: {}, unsafeFixes: false, shellcheck: null, debounceMs: 30, pinDigests: false, mergeStyle: null },
            { raw: true },
        ]);
        const warnings = fake.__state.messages.filter((m) => m.level === 'warning');
        assert.strictEqual(warnings.length, 1, 'a bad setting is reported once, not on every request');
        assert.match(warnings[0].text, /dockwise\.debounceMs must be a number/);
    });

    it('sends workspace/didChangeConfiguration with the validated settings', async () => {
        fake.__state.config = { path: ['dockwise'], pinDigests: true };
        await extension.activate(context as never);
        const client = lastClient();
        await client.clientOptions.middleware.workspace.didChangeConfiguration(['dockwise'], async () => assert.fail('raw settings sent'));
        assert.strictEqual(client.notifications.length, 1);
        const sent = client.notifications[0];
        assert.deepStrictEqual(sent.type, { method: 'workspace/didChangeConfiguration' });
        assert.strictEqual((sent.params as { settings: { dockwise: { pinDigests: boolean } } }).settings.dockwise.pinDigests, true);
        assert.ok(!('path' in (sent.params as { settings: { dockwise: object } }).settings.dockwise));
    });

    it('reports a server that fails to start', async () => {
        fake.__state.config = { path: ['/bad/dockwise'] };
        LanguageClient.failNextStart = 'spawn /bad/dockwise ENOENT';
        await extension.activate(context as never);
        const errors = fake.__state.messages.filter((m) => m.level === 'error');
        assert.strictEqual(errors.length, 1);
        assert.match(errors[0].text, /The dockwise server \(dockwise\.path: \/bad\/dockwise lsp\) failed to start: Error: spawn \/bad\/dockwise ENOENT/);
    });

    it('dockwise.restart starts a new server; dockwise.showOutput shows the channel', async () => {
        fake.__state.config = { path: ['dockwise'] };
        await extension.activate(context as never);
        await fake.commands.executeCommand('dockwise.restart');
        assert.strictEqual(clients().length, 2);
        assert.deepStrictEqual(clients().map((c) => c.state), ['stopped', 'running']);
        await fake.commands.executeCommand('dockwise.showOutput');
        assert.strictEqual(fake.__state.outputShown, 1);
    });

    it('dockwise.fixAll runs the source.fixAll.dockwise code action on the active editor', async () => {
        fake.__state.config = { path: ['dockwise'] };
        await extension.activate(context as never);

        await fake.commands.executeCommand('dockwise.fixAll');
        assert.ok(!fake.__state.executed.some((e) => e.command === 'editor.action.codeAction'), 'nothing to fix without an editor');
        assert.match(fake.__state.messages.at(-1)!.text, /open a Dockerfile/);

        fake.__state.activeTextEditor = { document: { uri: fake.Uri.file('/w/Dockerfile'), languageId: 'dockerfile' } };
        await fake.commands.executeCommand('dockwise.fixAll');
        const call = fake.__state.executed.find((e) => e.command === 'editor.action.codeAction');
        assert.deepStrictEqual(call?.args, [{ kind: FIX_ALL_KIND, apply: 'first' }]);
        assert.strictEqual(FIX_ALL_KIND, 'source.fixAll.dockwise');
    });

    it('deactivate stops the server', async () => {
        fake.__state.config = { path: ['dockwise'] };
        await extension.activate(context as never);
        await extension.deactivate();
        assert.strictEqual(lastClient().state, 'stopped');
    });
});
