import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findExecutable } from '../findExecutable';

describe('findExecutable', () => {
    describe('on this machine (POSIX file modes)', function () {
        let dir: string;
        before(function () {
            if (process.platform === 'win32') {
                this.skip();
            }
            dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-which-'));
            fs.mkdirSync(path.join(dir, 'a'));
            fs.mkdirSync(path.join(dir, 'b'));
            fs.writeFileSync(path.join(dir, 'a', 'python3'), '');
            fs.chmodSync(path.join(dir, 'a', 'python3'), 0o644); // not executable
            fs.writeFileSync(path.join(dir, 'b', 'python3'), '#!/bin/sh\n');
            fs.chmodSync(path.join(dir, 'b', 'python3'), 0o755);
            fs.mkdirSync(path.join(dir, 'a', 'python')); // a directory, not a program
        });
        after(() => {
            if (dir) {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it('skips non-executable files and directories', () => {
            const env = { PATH: [path.join(dir, 'a'), path.join(dir, 'b')].join(':') };
            assert.strictEqual(findExecutable('python3', { platform: process.platform, env }), path.join(dir, 'b', 'python3'));
            assert.strictEqual(findExecutable('python', { platform: process.platform, env }), undefined);
        });

        it('checks a name with a directory as is', () => {
            const env = { PATH: '' };
            assert.strictEqual(findExecutable(path.join(dir, 'b', 'python3'), { platform: process.platform, env }), path.join(dir, 'b', 'python3'));
            assert.strictEqual(findExecutable(path.join(dir, 'a', 'python3'), { platform: process.platform, env }), undefined);
        });

        it('finds nothing with no PATH', () => {
            assert.strictEqual(findExecutable('python3', { platform: process.platform, env: {} }), undefined);
        });
    });

    describe('Windows rules (simulated)', () => {
        const files = new Set(['C:\\Python312\\python.EXE', 'C:\\Windows\\py.exe', 'C:\\tools\\dockwise.cmd']);
        const isExecutable = (f: string) => [...files].some((x) => x.toLowerCase() === f.toLowerCase());

        it('tries each PATHEXT extension in each PATH entry, with ";" and any case of Path', () => {
            const env = { Path: 'C:\\Windows;"C:\\Python312";C:\\tools', PATHEXT: '.COM;.EXE;.CMD' };
            assert.strictEqual(findExecutable('python', { platform: 'win32', env, isExecutable }), 'C:\\Python312\\python.EXE');
            assert.strictEqual(findExecutable('py', { platform: 'win32', env, isExecutable }), 'C:\\Windows\\py.EXE');
            assert.strictEqual(findExecutable('dockwise', { platform: 'win32', env, isExecutable }), 'C:\\tools\\dockwise.CMD');
            assert.strictEqual(findExecutable('python3', { platform: 'win32', env, isExecutable }), undefined);
        });

        it('does not add an extension to a name that has one, and uses a default PATHEXT', () => {
            const env = { PATH: 'C:\\Windows' };
            assert.strictEqual(findExecutable('py.exe', { platform: 'win32', env, isExecutable }), 'C:\\Windows\\py.exe');
            assert.strictEqual(findExecutable('py', { platform: 'win32', env, isExecutable }), 'C:\\Windows\\py.EXE');
        });

        it('checks a path with a directory without searching PATH', () => {
            const env = { PATH: 'C:\\Windows' };
            assert.strictEqual(findExecutable('C:\\tools\\dockwise', { platform: 'win32', env, isExecutable }), 'C:\\tools\\dockwise.CMD');
        });
    });
});
