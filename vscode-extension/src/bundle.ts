// What the packaged extension carries in `bundled/` (written by scripts/bundle_vscode.py).
// File-system only, no VS Code import.

import * as fs from 'fs';
import * as path from 'path';

export interface BundleInfo {
    /** `bundled/libs/dockwise` exists. */
    present: boolean;
    /** Python version the bundle was built for, from `bundled/manifest.json`. */
    python?: string;
    /** sysconfig platform it was built on, e.g. `linux-x86_64`. */
    platform?: string;
}

export function readBundleInfo(extensionPath: string): BundleInfo {
    const bundled = path.join(extensionPath, 'bundled');
    const present = fs.existsSync(path.join(bundled, 'libs', 'dockwise', '__init__.py'));
    if (!present) {
        return { present };
    }
    try {
        const manifest: unknown = JSON.parse(fs.readFileSync(path.join(bundled, 'manifest.json'), 'utf8'));
        if (manifest && typeof manifest === 'object') {
            const { python, platform } = manifest as Record<string, unknown>;
            return {
                present,
                python: typeof python === 'string' ? python : undefined,
                platform: typeof platform === 'string' ? platform : undefined,
            };
        }
    } catch {
        // A bundle without a readable manifest still works with a matching python3.
    }
    return { present };
}

/**
 * Whether a bundle built on `builtFor` (Python's `sysconfig.get_platform()`, e.g.
 * `linux-x86_64`, `macosx-11.0-arm64`, `win-amd64`) can load its compiled wheels on this
 * OS and CPU. Unknown or missing values count as a match: the server's start-up error
 * then says what is wrong.
 */
export function bundleMatchesPlatform(builtFor: string | undefined, platform: NodeJS.Platform, arch: string): boolean {
    if (!builtFor) {
        return true;
    }
    const p = builtFor.toLowerCase();
    const os = p.startsWith('linux') ? 'linux' : p.startsWith('macosx') ? 'darwin' : p.startsWith('win') ? 'win32' : undefined;
    if (!os) {
        return true;
    }
    if (os !== platform) {
        return false;
    }
    if (p.endsWith('universal2')) {
        return arch === 'x64' || arch === 'arm64';
    }
    const cpu = /(x86_64|amd64)$/.test(p) ? 'x64' : /(aarch64|arm64)$/.test(p) ? 'arm64' : /(i686|win32)$/.test(p) ? 'ia32' : undefined;
    return cpu === undefined || cpu === arch;
}
