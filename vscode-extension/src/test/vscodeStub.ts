// Loaded by mocha before any test (see .mocharc.json): makes `require('vscode')` and
// `require('vscode-languageclient/node')` return the small fakes in this folder, so the
// extension's modules run under plain Node. Tests of pure modules never touch them.

import Module = require('module');
import * as path from 'path';

const fakes: Record<string, string> = {
    vscode: path.join(__dirname, 'fakeVscode.js'),
    'vscode-languageclient/node': path.join(__dirname, 'fakeLanguageClient.js'),
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    const fake = fakes[request];
    return fake ?? original.call(this, request, ...rest);
};
