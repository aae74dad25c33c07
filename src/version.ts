/** Package version, written into every artefact's producer field. A test keeps it equal to package.json. */
export const VERSION = "0.1.0";
