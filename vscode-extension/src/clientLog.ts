import type { OutputChannel } from 'vscode';

// The language client writes every message as a plain line ("[Error - 4:21:38 AM] …") and the
// server's stderr as raw chunks, so in a log channel they all showed up as [info], errors
// included, with blank lines between chunks. This adapter gives each line its real level.

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** The subset of vscode.LogOutputChannel the adapter writes to. */
export interface LevelLog {
    readonly name: string;
    trace(message: string): void;
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    show(preserveFocus?: boolean): void;
    hide(): void;
    clear(): void;
}

const CLIENT_LINE = /^\[(Trace|Debug|Info|Warn|Error)\s*- [^\]]*\] ([\s\S]*)$/;
const LEVELS: Record<string, Level> = { Trace: 'trace', Debug: 'debug', Info: 'info', Warn: 'warn', Error: 'error' };

/**
 * The level and text of one line written by vscode-languageclient, or undefined for a blank
 * one. The client reports every exit of the server process as an error, even the code 0 that
 * follows a requested stop or restart: that one is information.
 */
export function classify(line: string): { level: Level; text: string } | undefined {
    const trimmed = line.replace(/\s+$/, '');
    if (!trimmed) {
        return undefined;
    }
    const m = CLIENT_LINE.exec(trimmed);
    if (!m) {
        return { level: 'info', text: trimmed }; // the server's own stderr, or a message's data
    }
    const text = m[2];
    if (text === 'Server process exited with code 0.') {
        return { level: 'info', text };
    }
    return { level: LEVELS[m[1]], text };
}

/** A vscode.OutputChannel for the language client that writes each line at its level. */
export function clientOutputChannel(log: LevelLog): OutputChannel {
    let pending = '';
    const write = (line: string) => {
        const entry = classify(line);
        if (entry) {
            log[entry.level](entry.text);
        }
    };
    return {
        name: log.name,
        append(value: string): void {
            // stderr arrives in arbitrary chunks: write whole lines only
            pending += value;
            const lines = pending.split(/\r?\n/);
            pending = lines.pop() ?? '';
            lines.forEach(write);
        },
        appendLine(value: string): void {
            const line = pending + value;
            pending = '';
            write(line);
        },
        replace(value: string): void {
            log.clear();
            pending = '';
            this.append(value);
        },
        clear: () => log.clear(),
        // show(preserveFocus?) or the deprecated show(column?, preserveFocus?)
        show: (a?: unknown, b?: unknown) => log.show(typeof a === 'boolean' ? a : b === true),
        hide: () => log.hide(),
        dispose: () => undefined, // the extension owns and disposes the log channel
    };
}
