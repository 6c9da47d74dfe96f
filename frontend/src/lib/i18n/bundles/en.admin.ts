// One lazy chunk: the facilitator app's own namespaces (files named admin*), in this language.
export default import.meta.glob('../messages/en/admin*.json', { eager: true, import: 'default' });
