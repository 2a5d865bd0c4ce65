/** Does nothing (one function for every "nothing to do" of the core: fewer bytes in a bundle). */
export const stay = (): void => undefined;
