// Entry point: starts `dockwise lsp`, restarts it when the way to start it changes, and
// registers the commands. The decisions live in the vscode-free modules next to this one.

import * as os from 'os';
import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification,
    Executable,
    LanguageClient,
    LanguageClientOptions,
    RevealOutputChannelOn,
    ServerOptions,
} from 'vscode-languageclient/node';
import { bundleMatchesPlatform, readBundleInfo } from './bundle';
import { clientOutputChannel } from './clientLog';
import { documentSelector, FIX_ALL_KIND } from './documents';
import { findExecutable } from './findExecutable';
import { lookUpPythonInterpreter, onPythonInterpreterChange } from './python';
import { PythonExtensionLookup, resolveServerCommand, ServerSource } from './serverCommand';
import {
    ExtensionSettings,
    expandVariables,
    needsRestart,
    readSettings,
    SECTION,
    toDidChangeConfigurationParams,
    toInitializationOptions,
    toServerSettings,
} from './settings';

let client: LanguageClient | undefined;
let currentSource: ServerSource | undefined;
let output: vscode.LogOutputChannel;
// Restarts run one after another so two quick setting changes never start two servers.
let queue: Promise<void> = Promise.resolve();
const reportedProblems = new Set<string>();

function settingsFor(scope: vscode.Uri | undefined): ExtensionSettings {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const { settings, problems } = readSettings((key) => config.get(key));
    for (const problem of problems) {
        if (!reportedProblems.has(problem)) {
            reportedProblems.add(problem);
            output.warn(problem);
            void vscode.window.showWarningMessage(`dockwise: ${problem}`);
        }
    }
    return settings;
}

function firstFolder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
}

async function stopClient(): Promise<void> {
    const old = client;
    client = undefined;
    currentSource = undefined;
    if (!old) {
        return;
    }
    try {
        await old.stop(5000);
    } catch (error) {
        output.warn(`Stopping the server failed: ${String(error)}`);
    }
    try {
        await old.dispose();
    } catch {
        // already disposed by a failed start
    }
}

let watchingPython = false;

/** Once the Python extension's answer matters, restart when its interpreter changes. */
async function watchPythonInterpreter(context: vscode.ExtensionContext): Promise<void> {
    if (watchingPython) {
        return;
    }
    watchingPython = true;
    const listener = await onPythonInterpreterChange(() => {
        // Only when that interpreter is (or could now be) how the server is started.
        if (currentSource !== 'path' && currentSource !== 'interpreter') {
            output.info("The Python extension's interpreter changed; restarting the server");
            void restart(context);
        }
    });
    if (listener) {
        context.subscriptions.push(listener);
    }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
    await stopClient();

    const folder = firstFolder();
    const settings = settingsFor(folder?.uri);
    const vars = {
        platform: process.platform,
        homeDir: os.homedir(),
        workspaceFolder: folder?.uri.fsPath,
        env: process.env,
    };
    const path = settings.path.map((p) => expandVariables(p, vars));
    const interpreter = settings.interpreter.map((p) => expandVariables(p, vars));

    // Asking the Python extension may activate it; only do so when its answer matters.
    let python: PythonExtensionLookup = { kind: 'noInterpreter', reason: 'not asked' };
    if (path.length === 0 && interpreter.length === 0) {
        if (vscode.workspace.isTrusted) {
            python = await lookUpPythonInterpreter(folder?.uri, output, context.extensionPath);
            await watchPythonInterpreter(context);
        } else {
            // A project's own interpreter (e.g. .venv) is code from that project.
            python = { kind: 'noInterpreter', reason: 'the workspace is not trusted' };
        }
    }

    const bundle = readBundleInfo(context.extensionPath);
    if (bundle.present) {
        output.debug(`Bundled dockwise: Python ${bundle.python ?? '?'}, ${bundle.platform ?? '?'}`);
    }
    const resolved = resolveServerCommand({
        path,
        interpreter,
        python,
        extensionPath: context.extensionPath,
        bundlePresent: bundle.present,
        bundlePython: bundle.python,
        bundleUnusable: bundleMatchesPlatform(bundle.platform, process.platform, process.arch)
            ? undefined
            : `it was built for ${bundle.platform}, this is ${process.platform}-${process.arch}`,
        platform: process.platform,
        which: (name) => findExecutable(name, { platform: process.platform, env: process.env }),
        baseEnv: process.env,
        workspaceFolder: folder?.uri.fsPath,
    });
    if (!resolved.ok) {
        output.error(resolved.error);
        // Not awaited: the notification can stay open indefinitely, and later restarts
        // (e.g. after the user sets dockwise.path) must not wait for it.
        void vscode.window.showErrorMessage(resolved.error, 'Open Settings', 'Show Output').then((choice) => {
            if (choice === 'Open Settings') {
                void vscode.commands.executeCommand('workbench.action.openSettings', '@ext:dockwise.dockwise');
            } else if (choice === 'Show Output') {
                output.show();
            }
        });
        return;
    }
    output.info(`Starting the server ${resolved.description}`);

    const executable: Executable = {
        command: resolved.command,
        args: resolved.args,
        options: { env: resolved.env, cwd: resolved.cwd },
    };
    const serverOptions: ServerOptions = { run: executable, debug: executable };

    let newClient: LanguageClient;
    const clientOptions: LanguageClientOptions = {
        documentSelector: documentSelector(),
        outputChannel: clientOutputChannel(output),
        traceOutputChannel: output,
        revealOutputChannelOn: RevealOutputChannelOn.Never,
        // No diagnosticCollectionName: VS Code pulls diagnostics, and the client files them in
        // a collection named after the server's pull identifier (`dockwise`); a second
        // collection of that name logs "DiagnosticCollection … does already exist" on every start.
        initializationOptions: toInitializationOptions(settings),
        synchronize: { configurationSection: SECTION },
        middleware: {
            workspace: {
                // Answer `workspace/configuration` for `dockwise` with validated settings,
                // the same shape as initializationOptions.settings.
                configuration: async (params, token, next) => {
                    const result = await next(params, token);
                    if (!Array.isArray(result)) {
                        return result;
                    }
                    return params.items.map((item, i) =>
                        item.section === SECTION
                            ? toServerSettings(settingsFor(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined))
                            : result[i],
                    );
                },
                // Send the validated shape rather than the raw section (which has path etc.).
                didChangeConfiguration: async () => {
                    await newClient.sendNotification(
                        DidChangeConfigurationNotification.type,
                        toDidChangeConfigurationParams(settingsFor(firstFolder()?.uri)),
                    );
                },
            },
        },
    };

    newClient = new LanguageClient(SECTION, 'dockwise', serverOptions, clientOptions);
    client = newClient;
    currentSource = resolved.source;
    try {
        await newClient.start();
    } catch (error) {
        const message = `The dockwise server (${resolved.description.replace(/^using /, '')}) failed to start: ${String(error)}`;
        output.error(message);
        void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
            if (choice) {
                output.show();
            }
        });
    }
}

function restart(context: vscode.ExtensionContext): Promise<void> {
    queue = queue.then(
        () => startClient(context),
        () => startClient(context),
    );
    return queue;
}

async function fixAll(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
        void vscode.window.showInformationMessage('dockwise: open a Dockerfile or .dockerignore to fix.');
        return;
    }
    if (!client) {
        void vscode.window.showWarningMessage('dockwise: the server is not running; see the dockwise output.');
        return;
    }
    await vscode.commands.executeCommand('editor.action.codeAction', { kind: FIX_ALL_KIND, apply: 'first' });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    output = vscode.window.createOutputChannel('dockwise', { log: true });
    context.subscriptions.push(
        output,
        vscode.commands.registerCommand('dockwise.restart', () => restart(context)),
        vscode.commands.registerCommand('dockwise.showOutput', () => output.show()),
        vscode.commands.registerCommand('dockwise.fixAll', fixAll),
        vscode.workspace.onDidGrantWorkspaceTrust(() => {
            if (currentSource !== 'path' && currentSource !== 'interpreter') {
                output.info("The workspace is now trusted; restarting the server to consider the Python extension's interpreter");
                void restart(context);
            }
        }),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (needsRestart((section) => event.affectsConfiguration(section))) {
                output.info('dockwise.path or dockwise.interpreter changed; restarting the server');
                void restart(context);
            }
        }),
    );
    await restart(context);
}

export async function deactivate(): Promise<void> {
    await queue.catch(() => undefined);
    await stopClient();
}
