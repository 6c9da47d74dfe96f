// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/ar/*.json', '!../messages/ar/admin*.json'], { eager: true, import: 'default' });
