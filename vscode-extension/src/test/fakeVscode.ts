// A fake of the parts of the `vscode` API the extension uses, with the state exposed so
// tests can set settings and inspect what the extension did.

type Listener<T> = (e: T) => unknown;

export interface FakeState {
    /** `dockwise.*` settings by key without the prefix. */
    config: Record<string, unknown>;
    folders: { uri: Uri; name: string; index: number }[];
    commands: Map<string, (...args: unknown[]) => unknown>;
    executed: { command: string; args: unknown[] }[];
    messages: { level: 'error' | 'warning' | 'info'; text: string; items: string[] }[];
    logs: { level: string; text: string }[];
    extensions: Map<string, unknown>;
    activeTextEditor: unknown;
    configListeners: Listener<{ affectsConfiguration(section: string): boolean }>[];
    outputShown: number;
    isTrusted: boolean;
    /** Like a notification nobody closes: the message promise never settles. */
    messagesNeverAnswered: boolean;
    trustListeners: (() => void)[];
}

export const __state: FakeState = freshState();

function freshState(): FakeState {
    return {
        config: {},
        folders: [],
        commands: new Map(),
        executed: [],
        messages: [],
        logs: [],
        extensions: new Map(),
        activeTextEditor: undefined,
        configListeners: [],
        outputShown: 0,
        isTrusted: true,
        messagesNeverAnswered: false,
        trustListeners: [],
    };
}

export function __reset(): void {
    Object.assign(__state, freshState());
}

/** Fires onDidChangeConfiguration for the given changed keys (e.g. `dockwise.path`). */
export function __changeConfig(changed: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(changed)) {
        __state.config[key.replace(/^dockwise\./, '')] = value;
    }
    const keys = Object.keys(changed);
    const event = {
        affectsConfiguration: (section: string) => keys.some((k) => k === section || k.startsWith(section + '.')),
    };
    for (const listener of [...__state.configListeners]) {
        listener(event);
    }
}

export function __grantTrust(): void {
    __state.isTrusted = true;
    for (const listener of __state.trustListeners) {
        listener();
    }
}

export class Uri {
    private constructor(
        public readonly scheme: string,
        public readonly fsPath: string,
    ) {}
    static file(p: string): Uri {
        return new Uri('file', p);
    }
    static parse(s: string): Uri {
        return s.startsWith('file://') ? new Uri('file', decodeURIComponent(s.slice('file://'.length))) : new Uri('untitled', s);
    }
    toString(): string {
        return `${this.scheme}://${this.fsPath}`;
    }
}


export const workspace = {
    getConfiguration(section?: string, _scope?: unknown) {
        return {
            get: (key: string) => (section === 'dockwise' ? __state.config[key] : undefined),
        };
    },
    get isTrusted() {
        return __state.isTrusted;
    },
    onDidGrantWorkspaceTrust(listener: () => void) {
        __state.trustListeners.push(listener);
        return { dispose: () => undefined };
    },
    get workspaceFolders() {
        return __state.folders.length ? __state.folders : undefined;
    },
    onDidChangeConfiguration(listener: FakeState['configListeners'][number]) {
        __state.configListeners.push(listener);
        return {
            dispose: () => {
                __state.configListeners = __state.configListeners.filter((l) => l !== listener);
            },
        };
    },
};

function message(level: 'error' | 'warning' | 'info') {
    return (text: string, ...items: string[]) => {
        __state.messages.push({ level, text, items });
        return __state.messagesNeverAnswered ? new Promise<undefined>(() => undefined) : Promise.resolve(undefined);
    };
}

export const window = {
    createOutputChannel(_name: string, _options?: unknown) {
        const log = (level: string) => (text: string) => {
            __state.logs.push({ level, text });
        };
        return {
            info: log('info'),
            warn: log('warn'),
            error: log('error'),
            debug: log('debug'),
            trace: log('trace'),
            appendLine: log('line'),
            show: () => {
                __state.outputShown++;
            },
            dispose: () => undefined,
        };
    },
    showErrorMessage: message('error'),
    showWarningMessage: message('warning'),
    showInformationMessage: message('info'),
    get activeTextEditor() {
        return __state.activeTextEditor;
    },
};

export const commands = {
    registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
        if (__state.commands.has(id)) {
            throw new Error(`command ${id} already registered`);
        }
        __state.commands.set(id, fn);
        return { dispose: () => __state.commands.delete(id) };
    },
    executeCommand(command: string, ...args: unknown[]) {
        __state.executed.push({ command, args });
        const fn = __state.commands.get(command);
        return Promise.resolve(fn ? fn(...args) : undefined);
    },
};

export const extensions = {
    getExtension(id: string) {
        return __state.extensions.get(id);
    },
};

