// Asks the Python extension (ms-python.python), if installed, for the active interpreter.
// Only the few API members used here are typed, so no dependency on its npm package.

import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { PythonExtensionLookup } from './serverCommand';

const PYTHON_EXTENSION_ID = 'ms-python.python';

interface EnvironmentPath {
    id: string;
    path: string;
}

interface ResolvedEnvironment {
    executable: { uri?: vscode.Uri };
    version?: { major?: number; minor?: number; micro?: number };
}

interface PythonExtensionApi {
    environments?: {
        getActiveEnvironmentPath(resource?: vscode.Uri): EnvironmentPath;
        resolveEnvironment(env: EnvironmentPath | string): Promise<ResolvedEnvironment | undefined>;
        onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
    };
    settings?: {
        // Older API, still exported.
        getExecutionDetails(resource?: vscode.Uri): { execCommand: string[] | undefined };
    };
}

async function pythonApi(): Promise<PythonExtensionApi | undefined> {
    const extension = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
    if (!extension) {
        return undefined;
    }
    if (!extension.isActive) {
        await extension.activate();
    }
    return extension.exports;
}

/** Checks that `<python> -m dockwise` would find dockwise, with a timeout. `cwd` is where
 * the server would run (not the project: `-c` puts the working directory on sys.path). */
function canImportDockwise(executable: string[], cwd: string): Promise<boolean> {
    const [command, ...args] = executable;
    const code = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('dockwise.__main__') else 1)";
    return new Promise((resolve) => {
        execFile(command, [...args, '-c', code], { timeout: 15000, windowsHide: true, cwd }, (error) => resolve(!error));
    });
}

export async function lookUpPythonInterpreter(
    resource: vscode.Uri | undefined,
    log: vscode.LogOutputChannel,
    cwd: string,
): Promise<PythonExtensionLookup> {
    let api: PythonExtensionApi | undefined;
    try {
        api = await pythonApi();
    } catch (error) {
        log.warn(`Could not activate the Python extension: ${String(error)}`);
        return { kind: 'noInterpreter', reason: 'it failed to activate' };
    }
    if (!api) {
        return { kind: 'notInstalled' };
    }
    try {
        let executable: string[] | undefined;
        let version: { major: number; minor: number; micro?: number } | undefined;
        if (api.environments) {
            const env = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(resource));
            const fsPath = env?.executable.uri?.fsPath;
            if (fsPath) {
                executable = [fsPath];
                const v = env?.version;
                if (v && typeof v.major === 'number' && typeof v.minor === 'number') {
                    version = { major: v.major, minor: v.minor, micro: v.micro };
                }
            }
        } else if (api.settings) {
            executable = api.settings.getExecutionDetails(resource).execCommand;
        }
        if (!executable || executable.length === 0) {
            return { kind: 'noInterpreter' };
        }
        const hasDockwise = await canImportDockwise(executable, cwd);
        return { kind: 'found', executable, version, hasDockwise };
    } catch (error) {
        log.warn(`Could not get the interpreter from the Python extension: ${String(error)}`);
        return { kind: 'noInterpreter', reason: String(error) };
    }
}

/** Calls `listener` when the user picks another interpreter in the Python extension. */
export async function onPythonInterpreterChange(listener: () => void): Promise<vscode.Disposable | undefined> {
    try {
        const api = await pythonApi();
        return api?.environments?.onDidChangeActiveEnvironmentPath(() => listener());
    } catch {
        return undefined;
    }
}
