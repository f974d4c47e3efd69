// The language client's lines reach the log channel at their real level.

import * as assert from 'assert';
import { classify, clientOutputChannel, LevelLog } from '../clientLog';

function recorder(): LevelLog & { lines: [string, string][] } {
    const lines: [string, string][] = [];
    const at = (level: string) => (message: string) => {
        lines.push([level, message]);
    };
    return {
        name: 'dockwise', lines,
        trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'),
        show: () => undefined, hide: () => undefined, clear: () => lines.splice(0),
    };
}

describe('clientLog', () => {
    it('reads the level vscode-languageclient writes into each line', () => {
        assert.deepStrictEqual(classify('[Error - 4:21:38 AM] Request textDocument/hover failed.'),
            { level: 'error', text: 'Request textDocument/hover failed.' });
        assert.deepStrictEqual(classify('[Warn  - 10:01:02 PM] Something odd'), { level: 'warn', text: 'Something odd' });
        assert.deepStrictEqual(classify('[Info  - 10:01:02] started'), { level: 'info', text: 'started' });
        assert.deepStrictEqual(classify('Traceback (most recent call last):'), { level: 'info', text: 'Traceback (most recent call last):' });
        assert.strictEqual(classify('  \n'), undefined);
    });

    it('treats the exit after a requested stop (code 0) as information, any other exit as an error', () => {
        assert.deepStrictEqual(classify('[Error - 4:21:38 AM] Server process exited with code 0.'),
            { level: 'info', text: 'Server process exited with code 0.' });
        assert.deepStrictEqual(classify('[Error - 4:21:38 AM] Server process exited with code 1.'),
            { level: 'error', text: 'Server process exited with code 1.' });
        assert.deepStrictEqual(classify('[Error - 4:21:38 AM] Server process exited with signal SIGKILL.'),
            { level: 'error', text: 'Server process exited with signal SIGKILL.' });
    });

    it("writes the server's stderr chunks as whole lines, without blank ones", () => {
        const log = recorder();
        const channel = clientOutputChannel(log);
        channel.append('pygls: first li');
        channel.append('ne\n\nsecond line\nthi');
        assert.deepStrictEqual(log.lines, [['info', 'pygls: first line'], ['info', 'second line']]);
        channel.appendLine('rd line');
        channel.appendLine('[Error - 1:00:00 AM] Connection to server got closed.');
        assert.deepStrictEqual(log.lines.slice(2), [['info', 'third line'], ['error', 'Connection to server got closed.']]);
        channel.replace('fresh\n');
        assert.deepStrictEqual(log.lines, [['info', 'fresh']]);
    });
});
