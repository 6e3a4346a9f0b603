// cli.js: `openclaw nodes notes …`, exported as "./cli"; it declares commands and nothing else.
/** @type {import('@openclaw-nodes/core/plugin').PluginCliEntry} */
export default {
  name: 'notes',
  description: 'keep short notes on a node',
  register(notes, cli) {
    cli
      .nodeCommand(notes, 'add', 'keep a line of text on the node')
      .requiredOption('--text <text>', 'the note')
      .action((flags) =>
        cli.run('notes add', flags, async () => {
          const { payload } = await cli.invoke(flags, 'notes.add', { text: flags.text });
          cli.report(flags, `${payload.count} note(s) kept`, payload);
        }),
      );
    cli.nodeCommand(notes, 'list', 'print the notes, newest first').action((flags) =>
      cli.run('notes list', flags, async () => {
        const { payload } = await cli.invoke(flags, 'notes.list', {});
        const lines = payload.notes.map((n) => `${new Date(n.at).toISOString()}  ${n.text}`);
        cli.report(flags, lines.length > 0 ? lines.join('\n') : 'No notes.', payload);
      }),
    );
  },
};
