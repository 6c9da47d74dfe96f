// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/es/*.json', '!../messages/es/admin*.json'], { eager: true, import: 'default' });
