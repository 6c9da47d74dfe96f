// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/de/*.json', '!../messages/de/admin*.json'], { eager: true, import: 'default' });
