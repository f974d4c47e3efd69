// A fake `vscode-languageclient/node`: records each client and what it was given.

export enum RevealOutputChannelOn {
    Debug = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
    Never = 4,
}

export const DidChangeConfigurationNotification = {
    type: { method: 'workspace/didChangeConfiguration' },
};

export class LanguageClient {
    static instances: LanguageClient[] = [];
    /** Makes the next start() reject with this message. */
    static failNextStart: string | undefined;

    state: 'new' | 'running' | 'stopped' | 'failed' = 'new';
    notifications: { type: unknown; params: unknown }[] = [];

    constructor(
        public readonly id: string,
        public readonly name: string,
        public readonly serverOptions: any,
        public readonly clientOptions: any,
    ) {
        LanguageClient.instances.push(this);
    }

    async start(): Promise<void> {
        const failure = LanguageClient.failNextStart;
        LanguageClient.failNextStart = undefined;
        if (failure) {
            this.state = 'failed';
            throw new Error(failure);
        }
        this.state = 'running';
    }

    async stop(_timeout?: number): Promise<void> {
        this.state = 'stopped';
    }

    async dispose(): Promise<void> {
        this.state = 'stopped';
    }

    async sendNotification(type: unknown, params: unknown): Promise<void> {
        this.notifications.push({ type, params });
    }
}
