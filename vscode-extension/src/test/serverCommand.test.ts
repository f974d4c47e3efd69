import * as assert from 'assert';
import { commandLine, pythonCandidates, resolveServerCommand, ServerCommandInput } from '../serverCommand';

const POSIX_EXT = '/home/u/.vscode/extensions/dockwise.dockwise-0.1.0';
const WIN_EXT = 'C:\\Users\\u\\.vscode\\extensions\\dockwise.dockwise-0.1.0';

function input(overrides: Partial<ServerCommandInput> = {}): ServerCommandInput {
    return {
        path: [],
        interpreter: [],
        python: { kind: 'notInstalled' },
        extensionPath: POSIX_EXT,
        bundlePresent: false,
        platform: 'linux',
        which: () => undefined,
        baseEnv: {},
        ...overrides,
    };
}

function ok(i: ServerCommandInput) {
    const result = resolveServerCommand(i);
    if (!result.ok) {
        assert.fail(`expected a command, got error: ${result.error}`);
    }
    return result;
}

function error(i: ServerCommandInput): string {
    const result = resolveServerCommand(i);
    if (result.ok) {
        assert.fail(`expected an error, got ${result.description}`);
    }
    return result.error;
}

const venvPython = { kind: 'found' as const, executable: ['/proj/.venv/bin/python'], version: { major: 3, minor: 12 }, hasDockwise: true };

describe('resolveServerCommand', () => {
    describe('1. dockwise.path', () => {
        it('runs the executable with lsp appended', () => {
            const r = ok(input({ path: ['/usr/local/bin/dockwise'] }));
            assert.deepStrictEqual([r.source, r.command, r.args, r.env], ['path', '/usr/local/bin/dockwise', ['lsp'], {}]);
            assert.strictEqual(r.description, 'using dockwise.path: /usr/local/bin/dockwise lsp');
        });

        it('keeps extra arguments before lsp', () => {
            const r = ok(input({ path: ['pipx', 'run', 'dockwise'] }));
            assert.deepStrictEqual([r.command, r.args], ['pipx', ['run', 'dockwise', 'lsp']]);
        });

        it('wins over an interpreter, the Python extension and the bundle', () => {
            const r = ok(
                input({ path: ['dockwise'], interpreter: ['/usr/bin/python3'], python: venvPython, bundlePresent: true, which: () => '/usr/bin/python3' }),
            );
            assert.strictEqual(r.source, 'path');
        });

        it('takes a Windows path with spaces as one argument', () => {
            const exe = 'C:\\Program Files\\dockwise\\dockwise.exe';
            const r = ok(input({ path: [exe], platform: 'win32', extensionPath: WIN_EXT }));
            assert.deepStrictEqual([r.command, r.args], [exe, ['lsp']]);
            assert.strictEqual(r.description, `using dockwise.path: "${exe}" lsp`);
        });

        it('rejects an empty executable', () => {
            assert.match(error(input({ path: [''] })), /dockwise\.path.*empty/);
        });
    });

    describe('2. dockwise.interpreter', () => {
        it('runs <python> -m dockwise lsp', () => {
            const r = ok(input({ interpreter: ['/usr/bin/python3'] }));
            assert.deepStrictEqual([r.source, r.command, r.args], ['interpreter', '/usr/bin/python3', ['-m', 'dockwise', 'lsp']]);
        });

        it('keeps interpreter arguments, e.g. the Windows py launcher', () => {
            const r = ok(input({ interpreter: ['py', '-3.12'], platform: 'win32', extensionPath: WIN_EXT }));
            assert.deepStrictEqual([r.command, r.args], ['py', ['-3.12', '-m', 'dockwise', 'lsp']]);
        });

        it('wins over the Python extension and the bundle', () => {
            const r = ok(input({ interpreter: ['/opt/py/bin/python'], python: venvPython, bundlePresent: true, which: () => '/usr/bin/python3' }));
            assert.strictEqual(r.source, 'interpreter');
        });

        it('rejects an empty interpreter', () => {
            assert.match(error(input({ interpreter: ['  '] })), /dockwise\.interpreter.*empty/);
        });
    });

    describe("2b. the Python extension's interpreter", () => {
        it('is used when it has dockwise', () => {
            const r = ok(input({ python: venvPython, bundlePresent: true, which: () => '/usr/bin/python3' }));
            assert.deepStrictEqual([r.source, r.command, r.args], ['pythonExtension', '/proj/.venv/bin/python', ['-m', 'dockwise', 'lsp']]);
        });

        it('is used when its version and dockwise were not checked', () => {
            const r = ok(input({ python: { kind: 'found', executable: ['C:\\proj\\.venv\\Scripts\\python.exe'] }, platform: 'win32' }));
            assert.deepStrictEqual([r.command, r.args], ['C:\\proj\\.venv\\Scripts\\python.exe', ['-m', 'dockwise', 'lsp']]);
        });

        it('keeps the arguments of an execCommand', () => {
            const r = ok(input({ python: { kind: 'found', executable: ['conda', 'run', '-n', 'tools', 'python'] } }));
            assert.deepStrictEqual([r.command, r.args], ['conda', ['run', '-n', 'tools', 'python', '-m', 'dockwise', 'lsp']]);
        });

        it('falls through to the bundle when dockwise is not installed in it', () => {
            const r = ok(input({ python: { ...venvPython, hasDockwise: false }, bundlePresent: true, which: (n) => (n === 'python3' ? '/usr/bin/python3' : undefined) }));
            assert.strictEqual(r.source, 'bundled');
        });

        it('falls through when it is older than 3.10, and says so if nothing else works', () => {
            const old = { kind: 'found' as const, executable: ['/usr/bin/python3.8'], version: { major: 3, minor: 8, micro: 10 }, hasDockwise: true };
            assert.strictEqual(ok(input({ python: old, bundlePresent: true, which: () => '/usr/bin/python3' })).source, 'bundled');
            assert.match(error(input({ python: old })), /Python 3\.8\.10; dockwise needs 3\.10 or newer/);
        });

        it('accepts 3.10 and 4.0', () => {
            for (const version of [{ major: 3, minor: 10 }, { major: 4, minor: 0 }]) {
                assert.strictEqual(ok(input({ python: { ...venvPython, version } })).source, 'pythonExtension');
            }
        });

        it('reports a missing selection and an empty executable', () => {
            assert.match(error(input({ python: { kind: 'noInterpreter', reason: 'it failed to activate' } })), /no interpreter selected \(it failed to activate\)/);
            assert.match(error(input({ python: { kind: 'found', executable: [] } })), /empty interpreter path/);
        });
    });

    describe('3. the bundled copy', () => {
        it('runs python3 from PATH with PYTHONPATH=<ext>/bundled/libs on POSIX', () => {
            const r = ok(input({ bundlePresent: true, which: (n) => (n === 'python3' ? '/usr/bin/python3' : undefined) }));
            assert.deepStrictEqual(
                [r.source, r.command, r.args, r.env],
                ['bundled', '/usr/bin/python3', ['-m', 'dockwise', 'lsp'], { PYTHONPATH: `${POSIX_EXT}/bundled/libs` }],
            );
        });

        it('falls back to python when there is no python3', () => {
            const r = ok(input({ bundlePresent: true, which: (n) => (n === 'python' ? '/usr/local/bin/python' : undefined), platform: 'darwin' }));
            assert.strictEqual(r.command, '/usr/local/bin/python');
        });

        it('puts the bundle before an existing PYTHONPATH with ":" on POSIX', () => {
            const r = ok(input({ bundlePresent: true, which: () => '/usr/bin/python3', baseEnv: { PYTHONPATH: '/site/extra' } }));
            assert.deepStrictEqual(r.env, { PYTHONPATH: `${POSIX_EXT}/bundled/libs:/site/extra` });
        });

        it('uses backslashes, ";" and the existing variable spelling on Windows', () => {
            const r = ok(
                input({
                    platform: 'win32',
                    extensionPath: WIN_EXT,
                    bundlePresent: true,
                    which: (n) => (n === 'python' ? 'C:\\Python312\\python.exe' : undefined),
                    baseEnv: { PythonPath: 'D:\\lib' },
                }),
            );
            assert.deepStrictEqual([r.command, r.args], ['C:\\Python312\\python.exe', ['-m', 'dockwise', 'lsp']]);
            assert.deepStrictEqual(r.env, { PythonPath: `${WIN_EXT}\\bundled\\libs;D:\\lib` });
        });

        it('uses the py launcher on Windows when python is not on PATH', () => {
            const r = ok(
                input({ platform: 'win32', extensionPath: WIN_EXT, bundlePresent: true, which: (n) => (n === 'py' ? 'C:\\Windows\\py.exe' : undefined) }),
            );
            assert.deepStrictEqual([r.command, r.args], ['C:\\Windows\\py.exe', ['-3', '-m', 'dockwise', 'lsp']]);
            assert.deepStrictEqual(r.env, { PYTHONPATH: `${WIN_EXT}\\bundled\\libs` });
        });

        it('looks for the Python version the bundle was built for first', () => {
            const found = new Map([['python3.11', '/usr/bin/python3.11'], ['python3', '/usr/bin/python3']]);
            const posix = ok(input({ bundlePresent: true, bundlePython: '3.11', which: (n) => found.get(n) }));
            assert.strictEqual(posix.command, '/usr/bin/python3.11');
            const fallback = ok(input({ bundlePresent: true, bundlePython: '3.11', which: (n) => (n === 'python3' ? '/usr/bin/python3' : undefined) }));
            assert.strictEqual(fallback.command, '/usr/bin/python3');
            const win = ok(input({ platform: 'win32', extensionPath: WIN_EXT, bundlePresent: true, bundlePython: '3.11', which: (n) => (n === 'py' ? 'C:\\Windows\\py.exe' : 'C:\\Python312\\python.exe') }));
            assert.deepStrictEqual([win.command, win.args], ['C:\\Windows\\py.exe', ['-3.11', '-m', 'dockwise', 'lsp']]);
        });

        it('reports a bundle with no Python to run it', () => {
            assert.match(error(input({ bundlePresent: true })), /no Python found on PATH to run the bundled copy \(looked for python3, python\)/);
            assert.match(error(input({ bundlePresent: true, platform: 'win32' })), /looked for python, py\)/);
            assert.match(error(input({ bundlePresent: true, bundlePython: '3.11' })), /looked for python3\.11, python3, python\)/);
        });
    });

    describe('nothing found', () => {
        it('gives one clear error naming every reason and the fix', () => {
            const message = error(input());
            assert.match(message, /^Cannot start the dockwise language server: /);
            assert.match(message, /Python extension \(ms-python\.python\) is not installed/);
            assert.match(message, /no bundled copy of dockwise/);
            assert.match(message, /pip install dockwise/);
            assert.match(message, /"dockwise\.path"/);
            assert.match(message, /"dockwise\.interpreter"/);
        });
    });
});

describe('pythonCandidates', () => {
    it('prefers python3 on POSIX and python, then py -3 on Windows', () => {
        assert.deepStrictEqual(pythonCandidates('linux'), [['python3'], ['python']]);
        assert.deepStrictEqual(pythonCandidates('win32'), [['python'], ['py', '-3']]);
        assert.deepStrictEqual(pythonCandidates('linux', '3.11'), [['python3.11'], ['python3'], ['python']]);
        assert.deepStrictEqual(pythonCandidates('win32', '3.11'), [['py', '-3.11'], ['python'], ['py', '-3']]);
        assert.deepStrictEqual(pythonCandidates('linux', '3.11; rm -rf /'), [['python3'], ['python']]);
    });
});

describe('commandLine', () => {
    it('quotes only arguments that need it', () => {
        assert.strictEqual(commandLine('/usr/bin/python3', ['-m', 'dockwise', 'lsp']), '/usr/bin/python3 -m dockwise lsp');
        assert.strictEqual(commandLine('/opt/my tools/py', ['']), '"/opt/my tools/py" ""');
    });
});

describe('working directory', () => {
    it('is the workspace folder for an executable and the extension for any Python launch', () => {
        const base = { workspaceFolder: '/w/proj', bundlePresent: true, which: () => '/usr/bin/python3' };
        assert.strictEqual(ok(input({ ...base, path: ['dockwise'] })).cwd, '/w/proj');
        assert.strictEqual(ok(input({ path: ['dockwise'] })).cwd, undefined);
        // `python -m` puts the working directory first on sys.path.
        assert.strictEqual(ok(input({ ...base, interpreter: ['python3'] })).cwd, POSIX_EXT);
        assert.strictEqual(ok(input({ ...base, python: venvPython })).cwd, POSIX_EXT);
        assert.strictEqual(ok(input(base)).cwd, POSIX_EXT);
    });
});

describe('an unusable bundle', () => {
    it('is skipped with the reason in the error', () => {
        const result = resolveServerCommand(
            input({ bundlePresent: true, bundleUnusable: 'it was built for linux-x86_64, this is darwin-arm64', which: () => '/usr/bin/python3' }),
        );
        assert.strictEqual(result.ok, false);
        assert.match((result as { error: string }).error, /bundled copy of dockwise cannot run here \(it was built for linux-x86_64, this is darwin-arm64\)/);
    });
});
