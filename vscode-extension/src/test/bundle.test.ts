import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleMatchesPlatform, readBundleInfo } from '../bundle';

describe('readBundleInfo', () => {
    let ext: string;
    beforeEach(() => {
        ext = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwise-ext-'));
    });
    afterEach(() => fs.rmSync(ext, { recursive: true, force: true }));

    function addBundle(manifest?: string) {
        fs.mkdirSync(path.join(ext, 'bundled', 'libs', 'dockwise'), { recursive: true });
        fs.writeFileSync(path.join(ext, 'bundled', 'libs', 'dockwise', '__init__.py'), '');
        if (manifest !== undefined) {
            fs.writeFileSync(path.join(ext, 'bundled', 'manifest.json'), manifest);
        }
    }

    it('finds no bundle in a build without one', () => {
        assert.deepStrictEqual(readBundleInfo(ext), { present: false });
        fs.mkdirSync(path.join(ext, 'bundled', 'libs', 'dockwise'), { recursive: true }); // empty leftovers
        assert.deepStrictEqual(readBundleInfo(ext), { present: false });
    });

    it('reads the Python version and platform from the manifest', () => {
        addBundle('{"python": "3.11", "platform": "linux-x86_64", "built_on": "Linux x86_64"}');
        assert.deepStrictEqual(readBundleInfo(ext), { present: true, python: '3.11', platform: 'linux-x86_64' });
    });

    it('still reports a bundle with a missing or broken manifest', () => {
        addBundle();
        assert.deepStrictEqual(readBundleInfo(ext), { present: true });
        fs.writeFileSync(path.join(ext, 'bundled', 'manifest.json'), '{not json');
        assert.deepStrictEqual(readBundleInfo(ext), { present: true });
    });
});

describe('bundleMatchesPlatform', () => {
    const cases: [string | undefined, NodeJS.Platform, string, boolean][] = [
        ['linux-x86_64', 'linux', 'x64', true],
        ['linux-x86_64', 'linux', 'arm64', false],
        ['linux-aarch64', 'linux', 'arm64', true],
        ['linux-x86_64', 'darwin', 'x64', false],
        ['macosx-11.0-arm64', 'darwin', 'arm64', true],
        ['macosx-10.9-x86_64', 'darwin', 'arm64', false],
        ['macosx-10.9-universal2', 'darwin', 'arm64', true],
        ['win-amd64', 'win32', 'x64', true],
        ['win-amd64', 'linux', 'x64', false],
        ['win-arm64', 'win32', 'arm64', true],
        ['win32', 'win32', 'ia32', true],
        ['win32', 'win32', 'x64', false],
        [undefined, 'linux', 'x64', true],
        ['freebsd-14.0-amd64', 'freebsd', 'x64', true],
    ];
    for (const [builtFor, platform, arch, expected] of cases) {
        it(`${builtFor ?? '(unknown)'} on ${platform}-${arch}: ${expected ? 'usable' : 'skipped'}`, () => {
            assert.strictEqual(bundleMatchesPlatform(builtFor, platform, arch), expected);
        });
    }
});
