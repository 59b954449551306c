/** The two server lines: the Java original and the Rust rewrite. */
export const FLAVORS = ['java', 'rust'] as const;

/** One of {@link FLAVORS}. */
export type Flavor = (typeof FLAVORS)[number];
