// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/en/*.json', '!../messages/en/admin*.json'], { eager: true, import: 'default' });
