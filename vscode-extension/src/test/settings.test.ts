import * as assert from 'assert';
import {
    expandVariables,
    needsRestart,
    readSettings,
    toDidChangeConfigurationParams,
    toInitializationOptions,
    VariableContext,
} from '../settings';

function read(values: Record<string, unknown>) {
    return readSettings((key) => values[key]);
}

describe('readSettings', () => {
    it('gives the documented defaults when nothing is set', () => {
        const { settings, problems } = read({});
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual(settings, {
            path: [],
            interpreter: [],
            select: [],
            ignore: [],
            extendSelect: [],
            severityOverrides: {},
            unsafeFixes: false,
            shellcheck: null,
            debounceMs: 30,
            pinDigests: false,
            mergeStyle: null,
        });
    });

    it('reads every setting', () => {
        const { settings, problems } = read({
            path: ['/usr/bin/dockwise'],
            interpreter: ['/usr/bin/python3'],
            select: ['DL3'],
            ignore: ['DL3008'],
            extendSelect: ['DW9'],
            severityOverrides: { DL3007: 'error', DW1: 'Style' },
            unsafeFixes: true,
            shellcheck: true,
            debounceMs: 120.4,
            pinDigests: true,
            mergeStyle: 'heredoc',
        });
        assert.deepStrictEqual(problems, []);
        assert.strictEqual(settings.mergeStyle, 'heredoc');
        assert.deepStrictEqual(settings.severityOverrides, { DL3007: 'error', DW1: 'style' });
        assert.strictEqual(settings.debounceMs, 120);
        assert.deepStrictEqual([settings.unsafeFixes, settings.shellcheck, settings.pinDigests], [true, true, true]);
    });

    it('accepts a single string for path', () => {
        assert.deepStrictEqual(read({ path: '/usr/bin/dockwise' }).settings.path, ['/usr/bin/dockwise']);
        assert.deepStrictEqual(read({ path: '' }).settings.path, []);
    });

    it('reports bad values and uses the defaults instead of failing', () => {
        const { settings, problems } = read({
            select: [1, 'DL3'],
            unsafeFixes: 'yes',
            debounceMs: 10001,
            severityOverrides: { DL3007: 'fatal', DL3008: 'warning' },
            mergeStyle: 'heredocs',
        });
        assert.strictEqual(settings.mergeStyle, null);
        assert.deepStrictEqual(settings.select, []);
        assert.strictEqual(settings.unsafeFixes, false);
        assert.strictEqual(settings.debounceMs, 30);
        assert.deepStrictEqual(settings.severityOverrides, { DL3008: 'warning' });
        assert.strictEqual(problems.length, 5);
        assert.match(problems.join('\n'), /dockwise\.mergeStyle must be one of and, heredoc \(or null\); ignoring "heredocs"/);
        assert.match(problems.join('\n'), /dockwise\.select must be an array of strings/);
        assert.match(problems.join('\n'), /DL3007 has severity "fatal"; expected one of error, warning, info, style/);
        assert.match(read({ severityOverrides: ['DL3007'] }).problems[0], /must be an object/);
    });
});

describe('settings sent to the server', () => {
    const { settings } = read({
        path: ['/usr/bin/dockwise'],
        interpreter: ['/usr/bin/python3'],
        select: ['DL3'],
        severityOverrides: { DL3007: 'error' },
        unsafeFixes: true,
        pinDigests: true,
        mergeStyle: 'heredoc',
    });
    const expected = {
        select: ['DL3'],
        ignore: [],
        extendSelect: [],
        severityOverrides: { DL3007: 'error' },
        unsafeFixes: true,
        shellcheck: null,
        debounceMs: 30,
        pinDigests: true,
        mergeStyle: 'heredoc',
    };

    it('maps to initializationOptions {settings: {...}} without the start-up settings', () => {
        assert.deepStrictEqual(toInitializationOptions(settings), { settings: expected });
    });

    it('uses the same shape for workspace/didChangeConfiguration under "dockwise"', () => {
        assert.deepStrictEqual(toDidChangeConfigurationParams(settings), { settings: { dockwise: expected } });
    });

    it('sends an empty select as null so the project configuration decides (the server reads [] as "nothing")', () => {
        assert.strictEqual(toInitializationOptions(read({}).settings).settings.select, null);
        assert.strictEqual(toInitializationOptions(read({ select: [] }).settings).settings.select, null);
        assert.deepStrictEqual(toInitializationOptions(read({ select: ['DW'] }).settings).settings.select, ['DW']);
    });

    it('keeps shellcheck unset (null) unless the user sets it', () => {
        assert.strictEqual(toInitializationOptions(read({}).settings).settings.shellcheck, null);
        assert.strictEqual(toInitializationOptions(read({ shellcheck: false }).settings).settings.shellcheck, false);
        assert.strictEqual(toInitializationOptions(read({ shellcheck: true }).settings).settings.shellcheck, true);
    });

    it('is JSON-serialisable as is', () => {
        assert.deepStrictEqual(JSON.parse(JSON.stringify(toInitializationOptions(settings))), { settings: expected });
    });
});

describe('needsRestart', () => {
    it('is true only for path and interpreter', () => {
        assert.strictEqual(needsRestart((s) => s === 'dockwise.path'), true);
        assert.strictEqual(needsRestart((s) => s === 'dockwise.interpreter'), true);
        assert.strictEqual(needsRestart((s) => s === 'dockwise.select' || s === 'dockwise.trace.server'), false);
    });
});

describe('expandVariables', () => {
    const posix: VariableContext = { platform: 'linux', homeDir: '/home/u', workspaceFolder: '/w/proj', env: { VENV: '/opt/venv' } };
    const win: VariableContext = { platform: 'win32', homeDir: 'C:\\Users\\u', workspaceFolder: 'C:\\w\\proj', env: { LocalAppData: 'C:\\Users\\u\\AppData\\Local' } };

    it('expands ${workspaceFolder}, ${userHome}, ${env:NAME} and ~', () => {
        assert.strictEqual(expandVariables('${workspaceFolder}/.venv/bin/python', posix), '/w/proj/.venv/bin/python');
        assert.strictEqual(expandVariables('${userHome}/bin/dockwise', posix), '/home/u/bin/dockwise');
        assert.strictEqual(expandVariables('${env:VENV}/bin/python', posix), '/opt/venv/bin/python');
        assert.strictEqual(expandVariables('~/.local/bin/dockwise', posix), '/home/u/.local/bin/dockwise');
        assert.strictEqual(expandVariables('a~b', posix), 'a~b');
    });

    it('matches environment names case-insensitively and takes ~\\ on Windows only', () => {
        assert.strictEqual(expandVariables('${env:LOCALAPPDATA}\\dockwise.exe', win), 'C:\\Users\\u\\AppData\\Local\\dockwise.exe');
        assert.strictEqual(expandVariables('${env:LOCALAPPDATA}', posix), '');
        assert.strictEqual(expandVariables('~\\bin\\dockwise.exe', win), 'C:\\Users\\u\\bin\\dockwise.exe');
        assert.strictEqual(expandVariables('~\\x', posix), '~\\x');
        assert.strictEqual(expandVariables('${workspaceFolder}\\.venv\\Scripts\\python.exe', win), 'C:\\w\\proj\\.venv\\Scripts\\python.exe');
    });

    it('leaves ${workspaceFolder} alone with no folder open, and unknown variables as written', () => {
        assert.strictEqual(expandVariables('${workspaceFolder}/x', { ...posix, workspaceFolder: undefined }), '${workspaceFolder}/x');
        assert.strictEqual(expandVariables('${config:python.foo}', posix), '${config:python.foo}');
    });
});
