// Reading and validating the `dockwise.*` settings, and the shape sent to the server.
// Pure: takes a getter over the configuration section so it runs without VS Code.

export const SECTION = 'dockwise';

export const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How the quick fix that merges RUNs writes them: `a && \` chains or one `RUN <<EOF` script. */
export const MERGE_STYLES = ['and', 'heredoc'] as const;
export type MergeStyle = (typeof MERGE_STYLES)[number];

// Both written by scripts/gen_editor_defaults.py from the server (dockwise/lsp/settings.py).
export const DEFAULT_DEBOUNCE_MS = 30;
export const MAX_DEBOUNCE_MS = 10000;

/** All settings, as the extension uses them. */
export interface ExtensionSettings {
    path: string[];
    interpreter: string[];
    select: string[];
    ignore: string[];
    extendSelect: string[];
    severityOverrides: Record<string, Severity>;
    unsafeFixes: boolean;
    /** `null`: the project's configuration file decides. */
    shellcheck: boolean | null;
    debounceMs: number;
    pinDigests: boolean;
    /** `null`: the project's configuration file (`merge-style`) decides. */
    mergeStyle: MergeStyle | null;
}

/** The settings the server acts on: `initializationOptions.settings` and the answer to
 * `workspace/configuration` for section `dockwise` have exactly this shape. */
export interface ServerSettings {
    /** `null` when unset: the project's configuration (or the defaults) decide. An empty
     * list would mean "select nothing" to the server, which no one means by leaving it empty. */
    select: string[] | null;
    ignore: string[];
    extendSelect: string[];
    severityOverrides: Record<string, Severity>;
    unsafeFixes: boolean;
    shellcheck: boolean | null;
    debounceMs: number;
    pinDigests: boolean;
    mergeStyle: MergeStyle | null;
}

export interface InitializationOptions {
    settings: ServerSettings;
}

/** Settings whose change needs a new server process rather than a configuration update. */
export const RESTART_SETTINGS = ['path', 'interpreter'] as const;

export function needsRestart(affectsConfiguration: (section: string) => boolean): boolean {
    return RESTART_SETTINGS.some((key) => affectsConfiguration(`${SECTION}.${key}`));
}

export interface ReadResult {
    settings: ExtensionSettings;
    /** One message per invalid value; the default was used instead. */
    problems: string[];
}

function stringArray(key: string, value: unknown, problems: string[]): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    // An old-style single string is accepted for path/interpreter convenience.
    if (typeof value === 'string') {
        return value.trim() ? [value] : [];
    }
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        return [...value];
    }
    problems.push(`dockwise.${key} must be an array of strings; ignoring ${JSON.stringify(value)}`);
    return [];
}

function boolean<T extends boolean | null>(key: string, value: unknown, fallback: T, problems: string[]): boolean | T {
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value === 'boolean') {
        return value;
    }
    problems.push(`dockwise.${key} must be true or false; using ${fallback}`);
    return fallback;
}

function severityOverrides(value: unknown, problems: string[]): Record<string, Severity> {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`dockwise.severityOverrides must be an object from rule code to severity; ignoring ${JSON.stringify(value)}`);
        return {};
    }
    const result: Record<string, Severity> = {};
    for (const [code, severity] of Object.entries(value as Record<string, unknown>)) {
        const normalised = typeof severity === 'string' ? severity.trim().toLowerCase() : severity;
        if (typeof normalised === 'string' && (SEVERITIES as readonly string[]).includes(normalised)) {
            result[code] = normalised as Severity;
        } else {
            problems.push(
                `dockwise.severityOverrides: ${code} has severity ${JSON.stringify(severity)}; expected one of ${SEVERITIES.join(', ')}`,
            );
        }
    }
    return result;
}

function debounce(value: unknown, problems: string[]): number {
    if (value === undefined || value === null) {
        return DEFAULT_DEBOUNCE_MS;
    }
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_DEBOUNCE_MS) {
        return Math.round(value);
    }
    problems.push(`dockwise.debounceMs must be a number of milliseconds from 0 to ${MAX_DEBOUNCE_MS}; using ${DEFAULT_DEBOUNCE_MS}`);
    return DEFAULT_DEBOUNCE_MS;
}

function mergeStyle(value: unknown, problems: string[]): MergeStyle | null {
    if (value === undefined || value === null) {
        return null;
    }
    if (typeof value === 'string' && (MERGE_STYLES as readonly string[]).includes(value)) {
        return value as MergeStyle;
    }
    problems.push(`dockwise.mergeStyle must be one of ${MERGE_STYLES.join(', ')} (or null); ignoring ${JSON.stringify(value)}`);
    return null;
}

/** Reads every setting through `get` (e.g. `workspace.getConfiguration('dockwise').get`). */
export function readSettings(get: (key: string) => unknown): ReadResult {
    const problems: string[] = [];
    const settings: ExtensionSettings = {
        path: stringArray('path', get('path'), problems),
        interpreter: stringArray('interpreter', get('interpreter'), problems),
        select: stringArray('select', get('select'), problems),
        ignore: stringArray('ignore', get('ignore'), problems),
        extendSelect: stringArray('extendSelect', get('extendSelect'), problems),
        severityOverrides: severityOverrides(get('severityOverrides'), problems),
        unsafeFixes: boolean('unsafeFixes', get('unsafeFixes'), false, problems),
        shellcheck: boolean('shellcheck', get('shellcheck'), null, problems),
        debounceMs: debounce(get('debounceMs'), problems),
        pinDigests: boolean('pinDigests', get('pinDigests'), false, problems),
        mergeStyle: mergeStyle(get('mergeStyle'), problems),
    };
    return { settings, problems };
}

export function toServerSettings(s: ExtensionSettings): ServerSettings {
    return {
        select: s.select.length > 0 ? s.select : null,
        ignore: s.ignore,
        extendSelect: s.extendSelect,
        severityOverrides: s.severityOverrides,
        unsafeFixes: s.unsafeFixes,
        shellcheck: s.shellcheck,
        debounceMs: s.debounceMs,
        pinDigests: s.pinDigests,
        mergeStyle: s.mergeStyle,
    };
}

export function toInitializationOptions(s: ExtensionSettings): InitializationOptions {
    return { settings: toServerSettings(s) };
}

export interface VariableContext {
    platform: NodeJS.Platform;
    homeDir: string;
    /** First workspace folder's path, if any. */
    workspaceFolder?: string;
    env: Record<string, string | undefined>;
}

/**
 * Expands `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and a leading `~` in
 * `dockwise.path` / `dockwise.interpreter` entries, as VS Code's own settings do not.
 * Unknown variables are left as written so the resulting error shows them.
 */
export function expandVariables(value: string, ctx: VariableContext): string {
    let out = value.replace(/\$\{(workspaceFolder|userHome|env:([^}]+))\}/g, (match, name: string, envName?: string) => {
        if (name === 'userHome') {
            return ctx.homeDir;
        }
        if (name === 'workspaceFolder') {
            return ctx.workspaceFolder ?? match;
        }
        if (envName !== undefined) {
            const key =
                ctx.platform === 'win32'
                    ? Object.keys(ctx.env).find((k) => k.toUpperCase() === envName.toUpperCase())
                    : envName;
            return (key !== undefined ? ctx.env[key] : undefined) ?? '';
        }
        return match;
    });
    if (out === '~' || out.startsWith('~/') || (ctx.platform === 'win32' && out.startsWith('~\\'))) {
        out = ctx.homeDir + out.slice(1);
    }
    return out;
}

/** The `workspace/didChangeConfiguration` params: the same shape the server pulls. */
export function toDidChangeConfigurationParams(s: ExtensionSettings): { settings: { dockwise: ServerSettings } } {
    return { settings: { [SECTION]: toServerSettings(s) } as { dockwise: ServerSettings } };
}
