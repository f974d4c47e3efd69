// A small `which`: finds a program on PATH (with PATHEXT on Windows). No VS Code imports.

import * as fs from 'fs';
import * as path from 'path';

export interface WhichOptions {
    platform: NodeJS.Platform;
    env: Record<string, string | undefined>;
    /** Overridable for tests; defaults to an fs check for an executable regular file. */
    isExecutable?: (file: string) => boolean;
}

function envValue(env: Record<string, string | undefined>, name: string, platform: NodeJS.Platform): string | undefined {
    if (platform !== 'win32') {
        return env[name];
    }
    const key = Object.keys(env).find((k) => k.toUpperCase() === name);
    return key === undefined ? undefined : env[key];
}

function defaultIsExecutable(platform: NodeJS.Platform): (file: string) => boolean {
    return (file) => {
        try {
            const stat = fs.statSync(file);
            if (!stat.isFile()) {
                return false;
            }
            if (platform === 'win32') {
                return true;
            }
            fs.accessSync(file, fs.constants.X_OK);
            return true;
        } catch {
            return false;
        }
    };
}

export function findExecutable(name: string, options: WhichOptions): string | undefined {
    const { platform, env } = options;
    const p = platform === 'win32' ? path.win32 : path.posix;
    const isExecutable = options.isExecutable ?? defaultIsExecutable(platform);
    const extensions =
        platform === 'win32'
            ? (envValue(env, 'PATHEXT', platform) ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)
            : [''];
    // A name that already has a directory part is checked as is, not searched for.
    const hasDir = platform === 'win32' ? /[\\/]/.test(name) : name.includes('/');
    const dirs = hasDir ? [''] : (envValue(env, 'PATH', platform) ?? '').split(p.delimiter).filter(Boolean);
    for (const dir of dirs) {
        const base = dir ? p.join(dir.replace(/^"(.*)"$/, '$1'), name) : name;
        const alreadyHasExt = extensions.some((ext) => ext && base.toLowerCase().endsWith(ext.toLowerCase()));
        for (const ext of alreadyHasExt ? [''] : extensions) {
            const candidate = base + ext;
            if (isExecutable(candidate)) {
                return candidate;
            }
        }
    }
    return undefined;
}
