/** The turbo runs of `npm test`, in order (see test-steps.mjs). */
export declare const TEST_STEPS: readonly (readonly string[])[];
