// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/ko/*.json', '!../messages/ko/admin*.json'], { eager: true, import: 'default' });
