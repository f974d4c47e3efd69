// Decides how to start `dockwise lsp`. Pure: everything it needs to know about the
// machine (settings, the Python extension, the bundle, PATH, platform) is passed in,
// so every branch can be unit-tested under plain Node without VS Code.

import * as path from 'path';

/** Oldest Python that dockwise supports (pyproject `requires-python`). */
export const MIN_PYTHON: readonly [number, number] = [3, 10];

export interface PythonVersion {
    major: number;
    minor: number;
    micro?: number;
}

/** What the Python extension (`ms-python.python`) told us about the active interpreter. */
export type PythonExtensionLookup =
    | { kind: 'notInstalled' }
    | { kind: 'noInterpreter'; reason?: string }
    | {
          kind: 'found';
          /** The interpreter command, e.g. `['/proj/.venv/bin/python']`. */
          executable: string[];
          version?: PythonVersion;
          /**
           * Whether `import dockwise` works in that interpreter, if it was checked.
           * `false` means fall through to the bundled copy.
           */
          hasDockwise?: boolean;
      };

export interface ServerCommandInput {
    /** `dockwise.path`, already variable-expanded; empty means unset. */
    path: string[];
    /** `dockwise.interpreter`, already variable-expanded; empty means unset. */
    interpreter: string[];
    python: PythonExtensionLookup;
    /** Extension's install directory (`context.extensionPath`). */
    extensionPath: string;
    /** Whether `<extensionPath>/bundled/libs/dockwise` exists. */
    bundlePresent: boolean;
    /**
     * The Python version the bundle was built for (`bundled/manifest.json`, e.g. "3.11"):
     * its compiled wheels (tree-sitter) only import in that version, so that Python is
     * looked for first.
     */
    bundlePython?: string;
    /** Set when a bundle is present but cannot run here (built for another OS or CPU). */
    bundleUnusable?: string;
    platform: NodeJS.Platform;
    /** Finds a program on PATH, returning its full path (see findExecutable.ts). */
    which: (name: string) => string | undefined;
    /** The environment the server would inherit; used to extend PYTHONPATH. */
    baseEnv?: Record<string, string | undefined>;
    /** First workspace folder, the working directory for a `dockwise.path` executable. */
    workspaceFolder?: string;
}

export type ServerSource = 'path' | 'interpreter' | 'pythonExtension' | 'bundled';

export interface ServerCommand {
    ok: true;
    source: ServerSource;
    command: string;
    args: string[];
    /** Variables to add to the inherited environment. */
    env: Record<string, string>;
    /**
     * Working directory. `python -m` puts it first on sys.path, so Python launches run in
     * the extension's directory: a `dockwise/` or `pygls/` folder in the user's project
     * must not shadow the real packages (or run code from an untrusted repository).
     */
    cwd: string | undefined;
    /** One line for the output channel, e.g. "using dockwise.path: /usr/bin/dockwise lsp". */
    description: string;
}

export interface ServerCommandError {
    ok: false;
    error: string;
}

export type ServerCommandResult = ServerCommand | ServerCommandError;

function pathModule(platform: NodeJS.Platform): path.PlatformPath {
    return platform === 'win32' ? path.win32 : path.posix;
}

export function bundledLibsDir(extensionPath: string, platform: NodeJS.Platform): string {
    return pathModule(platform).join(extensionPath, 'bundled', 'libs');
}

export function isSupportedPython(version: PythonVersion | undefined): boolean {
    if (!version) {
        return true; // unknown: let the server's own start-up report a too-old Python
    }
    const [major, minor] = MIN_PYTHON;
    return version.major > major || (version.major === major && version.minor >= minor);
}

function formatVersion(v: PythonVersion): string {
    return v.micro === undefined ? `${v.major}.${v.minor}` : `${v.major}.${v.minor}.${v.micro}`;
}

/** Python launch commands to try for the bundled copy, most specific first. */
export function pythonCandidates(platform: NodeJS.Platform, version?: string): string[][] {
    const exact = version && /^\d+\.\d+$/.test(version) ? version : undefined;
    if (platform === 'win32') {
        // `python3.exe` on Windows is often the Microsoft Store stub; the `py` launcher is reliable.
        return exact ? [['py', `-${exact}`], ['python'], ['py', '-3']] : [['python'], ['py', '-3']];
    }
    return exact ? [[`python${exact}`], ['python3'], ['python']] : [['python3'], ['python']];
}

function quote(arg: string): string {
    // For display only: quote arguments with spaces so the line can be copied into a shell.
    return arg === '' || /[\s"']/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg;
}

export function commandLine(command: string, args: string[]): string {
    return [command, ...args].map(quote).join(' ');
}

/** Looks up an environment variable the way the platform does (case-insensitive on Windows). */
function getEnv(env: Record<string, string | undefined>, name: string, platform: NodeJS.Platform): [string, string | undefined] {
    if (platform !== 'win32') {
        return [name, env[name]];
    }
    const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
    return key === undefined ? [name, undefined] : [key, env[key]];
}

export function resolveServerCommand(input: ServerCommandInput): ServerCommandResult {
    const { platform } = input;
    const make = (source: ServerSource, label: string, command: string, args: string[], env: Record<string, string> = {}): ServerCommand => ({
        ok: true,
        source,
        command,
        args,
        env,
        cwd: source === 'path' ? input.workspaceFolder : input.extensionPath,
        description: `using ${label}: ${commandLine(command, args)}`,
    });

    // 1. An explicit dockwise executable.
    if (input.path.length > 0) {
        const [command, ...rest] = input.path;
        if (!command.trim()) {
            return { ok: false, error: 'The dockwise.path setting starts with an empty string; set it to a dockwise executable, e.g. ["/usr/local/bin/dockwise"].' };
        }
        return make('path', 'dockwise.path', command, [...rest, 'lsp']);
    }

    const lsp = ['-m', 'dockwise', 'lsp'];

    // 2a. An explicit interpreter: the user said so, use it as is.
    if (input.interpreter.length > 0) {
        const [command, ...rest] = input.interpreter;
        if (!command.trim()) {
            return { ok: false, error: 'The dockwise.interpreter setting starts with an empty string; set it to a Python interpreter, e.g. ["/usr/bin/python3"].' };
        }
        return make('interpreter', 'dockwise.interpreter', command, [...rest, ...lsp]);
    }

    // 2b. The Python extension's interpreter, if it is new enough and has dockwise.
    const skipped: string[] = [];
    const py = input.python;
    if (py.kind === 'notInstalled') {
        skipped.push('the Python extension (ms-python.python) is not installed');
    } else if (py.kind === 'noInterpreter') {
        skipped.push(`the Python extension has no interpreter selected${py.reason ? ` (${py.reason})` : ''}`);
    } else if (py.executable.length === 0 || !py.executable[0]) {
        skipped.push('the Python extension returned an empty interpreter path');
    } else if (!isSupportedPython(py.version)) {
        skipped.push(
            `the Python extension's interpreter ${py.executable[0]} is Python ${formatVersion(py.version!)}; dockwise needs ${MIN_PYTHON.join('.')} or newer`,
        );
    } else if (py.hasDockwise === false) {
        skipped.push(`dockwise is not installed in the Python extension's interpreter ${py.executable[0]}`);
    } else {
        const [command, ...rest] = py.executable;
        return make('pythonExtension', "the Python extension's interpreter", command, [...rest, ...lsp]);
    }

    // 3. The copy bundled into the extension, run by a Python found on PATH.
    if (!input.bundlePresent) {
        skipped.push('this build of the extension has no bundled copy of dockwise');
    } else if (input.bundleUnusable) {
        skipped.push(`the bundled copy of dockwise cannot run here (${input.bundleUnusable})`);
    } else {
        const candidates = pythonCandidates(platform, input.bundlePython);
        for (const [name, ...rest] of candidates) {
            const found = input.which(name);
            if (found) {
                const libs = bundledLibsDir(input.extensionPath, platform);
                const [key, existing] = getEnv(input.baseEnv ?? {}, 'PYTHONPATH', platform);
                const sep = platform === 'win32' ? ';' : ':';
                const value = existing ? `${libs}${sep}${existing}` : libs;
                return make('bundled', 'the bundled dockwise', found, [...rest, ...lsp], { [key]: value });
            }
        }
        skipped.push(`no Python found on PATH to run the bundled copy (looked for ${[...new Set(candidates.map((c) => c[0]))].join(', ')})`);
    }

    return {
        ok: false,
        error:
            'Cannot start the dockwise language server: ' +
            skipped.join('; ') +
            '. Install dockwise (`pip install dockwise`) and set "dockwise.path" to the dockwise executable, ' +
            'or set "dockwise.interpreter" to a Python that has it installed.',
    };
}
