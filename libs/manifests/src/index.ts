// The public surface of the manifest reader.
export {};
