// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/ja/*.json', '!../messages/ja/admin*.json'], { eager: true, import: 'default' });
