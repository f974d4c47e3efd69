// The manifest and the code must agree: every setting the code reads is contributed (and
// vice versa), every file pattern activates the extension, defaults match.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DOCKERFILE_PATTERNS, DOCKERIGNORE_PATTERNS, documentSelector } from '../documents';
import { readSettings, SEVERITIES } from '../settings';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; type: string; additionalProperties?: { enum: string[] } }> =
    manifest.contributes.configuration.properties;

describe('package.json', () => {
    it('contributes exactly the settings the extension reads, plus trace.server', () => {
        const read = Object.keys(readSettings(() => undefined).settings).map((k) => `dockwise.${k}`);
        assert.deepStrictEqual(Object.keys(properties).sort(), [...read, 'dockwise.trace.server'].sort());
    });

    it('declares the same defaults the code uses', () => {
        const defaults = readSettings(() => undefined).settings as unknown as Record<string, unknown>;
        for (const [key, value] of Object.entries(defaults)) {
            assert.deepStrictEqual(properties[`dockwise.${key}`].default, value, key);
        }
        assert.deepStrictEqual(properties['dockwise.severityOverrides'].additionalProperties?.enum, [...SEVERITIES]);
    });

    it('reads back its own defaults without problems', () => {
        const { problems } = readSettings((key) => properties[`dockwise.${key}`].default);
        assert.deepStrictEqual(problems, []);
    });

    it('activates on every Dockerfile pattern and on both languages', () => {
        const events: string[] = manifest.activationEvents;
        for (const pattern of DOCKERFILE_PATTERNS) {
            assert.ok(events.includes(`workspaceContains:${pattern}`), pattern);
        }
        assert.ok(events.includes('onLanguage:dockerfile'));
        assert.ok(events.includes('onLanguage:dockerignore'));
    });

    it('gives the dockerignore language # comments', () => {
        const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dockerignore');
        const config = JSON.parse(fs.readFileSync(path.join(root, language.configuration), 'utf8'));
        assert.deepStrictEqual(config.comments, { lineComment: '#' });
        assert.deepStrictEqual(language.filenames, ['.dockerignore', '.containerignore']);
    });

    it('pins engines and types to the same VS Code version', () => {
        assert.strictEqual(manifest.engines.vscode, '^1.82.0');
        assert.match(manifest.devDependencies['@types/vscode'], /1\.82\./);
        assert.match(manifest.devDependencies['@vscode/vsce'], /^\^3\./);
        assert.match(manifest.dependencies['vscode-languageclient'], /^\^9\./);
    });

    it('has what the marketplace needs', () => {
        for (const key of ['publisher', 'license', 'repository', 'displayName', 'description']) {
            assert.ok(manifest[key], key);
        }
        for (const file of ['LICENSE', 'README.md', '.vscodeignore']) {
            assert.ok(fs.existsSync(path.join(root, file)), file);
        }
    });
});

describe('documentSelector', () => {
    it('covers both languages and every file pattern', () => {
        const selector = documentSelector();
        const patterns = selector.flatMap((f) => ('pattern' in f ? [f.pattern] : []));
        assert.deepStrictEqual(patterns, [...DOCKERFILE_PATTERNS, ...DOCKERIGNORE_PATTERNS]);
        const languages = selector.flatMap((f) => ('language' in f ? [`${f.scheme}:${f.language}`] : []));
        assert.deepStrictEqual(languages, ['file:dockerfile', 'untitled:dockerfile', 'file:dockerignore', 'untitled:dockerignore']);
    });

    it('uses the patterns generated from dockwise.classify (scripts/gen_file_selection.py)', () => {
        // The full table test lives in tests/test_classify.py; these are the names users ask about.
        for (const pattern of ['**/Dockerfile', '**/Dockerfile.*', '**/Dockerfile-*', '**/*.Dockerfile', '**/*.dockerfile',
            '**/Containerfile', '**/Containerfile.*', '**/*.containerfile']) {
            assert.ok((DOCKERFILE_PATTERNS as readonly string[]).includes(pattern), pattern);
        }
        assert.deepStrictEqual([...DOCKERIGNORE_PATTERNS], ['**/.dockerignore', '**/*.dockerignore', '**/.containerignore']);
    });

    it('activates on every ignore file pattern too', () => {
        const events: string[] = manifest.activationEvents;
        for (const pattern of DOCKERIGNORE_PATTERNS) {
            assert.ok(events.includes(`workspaceContains:${pattern}`), pattern);
        }
    });
});

describe('package.json safety and discoverability', () => {
    it('keeps dockwise.path and dockwise.interpreter out of untrusted workspaces', () => {
        const untrusted = manifest.capabilities.untrustedWorkspaces;
        assert.strictEqual(untrusted.supported, 'limited');
        assert.deepStrictEqual(untrusted.restrictedConfigurations, ['dockwise.path', 'dockwise.interpreter']);
    });

    it('documents source.fixAll.dockwise for codeActionsOnSave completion', () => {
        const kinds = manifest.contributes.codeActions.flatMap((c: { actions: { kind: string }[] }) => c.actions.map((a) => a.kind));
        assert.deepStrictEqual(kinds, ['source.fixAll.dockwise']);
    });
});
