// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/fr/*.json', '!../messages/fr/admin*.json'], { eager: true, import: 'default' });
