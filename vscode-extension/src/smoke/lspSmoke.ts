// `npm run smoke`: starts the server exactly as the extension would (same resolution, same
// initializationOptions and configuration answers) and drives it over stdio without VS Code:
// initialize, open a Dockerfile, wait for diagnostics, ask for source.fixAll.dockwise, shut down.
// It checks the contract between this extension and `dockwise lsp`, not VS Code itself.
//
// Usage: node out/smoke/lspSmoke.js [--path EXE ...] [--interpreter PYTHON ...] [--push]
// (default: the bundled copy in ./bundled, as a fresh install with no settings would use).
// Diagnostics are pulled (textDocument/diagnostic), as vscode-languageclient 9 does;
// --push leaves the pull capability out so the server publishes them instead.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { readBundleInfo } from '../bundle';
import { findExecutable } from '../findExecutable';
import { resolveServerCommand } from '../serverCommand';
import { readSettings, toDidChangeConfigurationParams, toInitializationOptions, toServerSettings } from '../settings';

const DOCKERFILE = 'FROM python:3.11-slim\nRUN pip install flask\n';

function parseArgs(argv: string[]): { path: string[]; interpreter: string[]; push: boolean } {
    const out = { path: [] as string[], interpreter: [] as string[], push: false };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--push') {
            out.push = true;
        }
        if (argv[i] === '--path' || argv[i] === '--interpreter') {
            out[argv[i] === '--path' ? 'path' : 'interpreter'].push(argv[++i]);
        }
    }
    return out;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    return Promise.race([
        promise,
        new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)),
    ]);
}

async function main(): Promise<number> {
    const extensionPath = path.join(__dirname, '..', '..');
    const parsed = parseArgs(process.argv.slice(2));
    const args: Record<string, unknown> = parsed;
    const { settings } = readSettings((key) => args[key]);
    const bundle = readBundleInfo(extensionPath);
    const resolved = resolveServerCommand({
        path: settings.path,
        interpreter: settings.interpreter,
        python: { kind: 'notInstalled' },
        extensionPath,
        bundlePresent: bundle.present,
        bundlePython: bundle.python,
        platform: process.platform,
        which: (name) => findExecutable(name, { platform: process.platform, env: process.env }),
        baseEnv: process.env,
    });
    if (!resolved.ok) {
        console.error(`smoke: ${resolved.error}`);
        return 2;
    }
    console.log(`smoke: ${resolved.description}`);

    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-smoke-'));
    const dockerfile = path.join(workspace, 'Dockerfile');
    fs.writeFileSync(dockerfile, DOCKERFILE);
    const uri = `file://${dockerfile.replace(/\\/g, '/').replace(/^([A-Za-z]):/, '/$1:')}`;

    const child = spawn(resolved.command, resolved.args, { env: { ...process.env, ...resolved.env }, cwd: workspace });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.on('error', (error) => console.error(`smoke: spawn failed: ${error.message}`));

    // Fail at once, not at the timeout, when the server dies (e.g. an import error).
    let running = true;
    const died = exited.then((code) => {
        if (running) {
            throw new Error(`the server exited with ${code}`);
        }
    });
    died.catch(() => undefined);
    const step = <T>(promise: Promise<T>, what: string) => Promise.race([withTimeout(promise, 20000, what), died as Promise<never>]);

    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const configurationRequests: unknown[] = [];
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
        configurationRequests.push(params);
        return params.items.map((item) => (item.section === 'dockwise' ? toServerSettings(settings) : null));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    // A warning here usually means the server rejected a setting this extension sent.
    const warnings: string[] = [];
    const onMessage = (p: { type: number; message: string }) => {
        console.log(`smoke: server message (type ${p.type}): ${p.message}`);
        if (p.type <= 2) {
            warnings.push(p.message);
        }
    };
    connection.onNotification('window/logMessage', onMessage);
    connection.onNotification('window/showMessage', onMessage);
    let diagnostics: { code?: string; message: string }[] | undefined;
    const gotDiagnostics = new Promise<void>((resolve) =>
        connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: string; message: string }[] }) => {
            if (p.uri === uri && p.diagnostics.length > 0) {
                diagnostics = p.diagnostics;
                resolve();
            }
        }),
    );
    connection.listen();

    let failed = false;
    try {
        const init = await step(
            connection.sendRequest('initialize', {
                processId: process.pid,
                rootUri: `file://${workspace.replace(/\\/g, '/')}`,
                workspaceFolders: [{ uri: `file://${workspace.replace(/\\/g, '/')}`, name: 'smoke' }],
                initializationOptions: toInitializationOptions(settings),
                capabilities: {
                    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
                    textDocument: {
                        synchronization: { dynamicRegistration: false },
                        ...(parsed.push ? {} : { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
                        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
                        codeAction: {
                            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'source.fixAll.dockwise'] } },
                            dataSupport: true,
                            resolveSupport: { properties: ['edit'] },
                        },
                        hover: { contentFormat: ['markdown', 'plaintext'] },
                    },
                    general: { positionEncodings: ['utf-16'] },
                },
            }),
            'initialize',
        );
        const caps = (init as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }).capabilities;
        console.log(`smoke: initialized ${JSON.stringify((init as { serverInfo?: unknown }).serverInfo ?? {})}; capabilities: ${Object.keys(caps).sort().join(', ')}`);
        const kinds = (caps.codeActionProvider as { codeActionKinds?: string[] } | undefined)?.codeActionKinds;
        if (kinds && !kinds.includes('source.fixAll.dockwise') && !kinds.includes('source.fixAll')) {
            console.error(`smoke: codeActionKinds ${JSON.stringify(kinds)} lack source.fixAll.dockwise`);
            failed = true;
        }
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('workspace/didChangeConfiguration', toDidChangeConfigurationParams(settings));
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
        if (parsed.push) {
            await step(gotDiagnostics, 'published diagnostics for the Dockerfile');
        } else {
            const report = (await step(
                connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }),
                'textDocument/diagnostic',
            )) as { kind: string; items?: { code?: string; message: string }[] };
            diagnostics = report.items ?? [];
        }
        console.log(`smoke: ${parsed.push ? 'published' : 'pulled'} diagnostics: ${diagnostics!.map((d) => `${d.code ?? '?'} ${d.message}`).join(' | ')}`);
        if (diagnostics!.length === 0) {
            console.error('smoke: expected diagnostics for `RUN pip install flask` (DL3042), got none');
            failed = true;
        }
        const actions = (await step(
            connection.sendRequest('textDocument/codeAction', {
                textDocument: { uri },
                range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
                context: { diagnostics, only: ['source.fixAll.dockwise'], triggerKind: 1 },
            }),
            'source.fixAll.dockwise code action',
        )) as { title: string; kind?: string }[] | null;
        console.log(`smoke: source.fixAll.dockwise: ${JSON.stringify((actions ?? []).map((a) => [a.kind, a.title]))}`);
        console.log(`smoke: workspace/configuration requests answered: ${configurationRequests.length}`);
        await step(connection.sendRequest('shutdown'), 'shutdown');
        running = false;
        await connection.sendNotification('exit');
        const code = await withTimeout(exited, 10000, 'the server to exit');
        console.log(`smoke: server exited with ${code}`);
        if (warnings.length > 0) {
            console.error(`smoke: the server reported ${warnings.length} warning(s) or error(s)`);
        }
        failed = failed || code !== 0 || warnings.length > 0;
    } catch (error) {
        console.error(`smoke: FAILED: ${(error as Error).message}`);
        if (stderr) {
            console.error(`smoke: server stderr:\n${stderr.slice(-4000)}`);
        }
        child.kill();
        failed = true;
    } finally {
        connection.dispose();
        fs.rmSync(workspace, { recursive: true, force: true });
    }
    return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
