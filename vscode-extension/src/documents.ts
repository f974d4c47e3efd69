// Which documents the server checks. Plain data (no VS Code import) so tests can read it.

export const DOCKERFILE_PATTERNS = [
    '**/Dockerfile',
    '**/Dockerfile.*',
    '**/Dockerfile-*',
    '**/Dockerfile_*',
    '**/*.Dockerfile',
    '**/*-Dockerfile',
    '**/*_Dockerfile',
    '**/Containerfile',
    '**/Containerfile.*',
    '**/Containerfile-*',
    '**/Containerfile_*',
    '**/*.Containerfile',
    '**/*-Containerfile',
    '**/*_Containerfile',
    '**/dockerfile',
    '**/dockerfile.*',
    '**/*.dockerfile',
    '**/containerfile',
    '**/containerfile.*',
    '**/*.containerfile',
] as const;

export const DOCKERIGNORE_PATTERNS = [
    '**/.dockerignore',
    '**/*.dockerignore',
    '**/.containerignore',
] as const;

/** Structurally a vscode `DocumentFilter` (each has a language or a pattern). */
export type DocumentFilter = { scheme: string; language: string } | { scheme: string; pattern: string };

/**
 * Language ids cover files VS Code (or this extension's `languages` contribution) already
 * recognises; the patterns catch the same files when another extension or a
 * `files.associations` entry gave them a different language id (VS Code's own `ignore`, say).
 */
export function documentSelector(): DocumentFilter[] {
    const selector: DocumentFilter[] = [];
    for (const language of ['dockerfile', 'dockerignore']) {
        selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
    }
    for (const pattern of [...DOCKERFILE_PATTERNS, ...DOCKERIGNORE_PATTERNS]) {
        selector.push({ scheme: 'file', pattern });
    }
    return selector;
}

export const FIX_ALL_KIND = 'source.fixAll.dockwise';
