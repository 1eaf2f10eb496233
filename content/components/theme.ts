/** The localStorage key holding the reader's theme choice: "light" or "dark". */
export const THEME_STORAGE_KEY = "kafka-lab:theme";

export type Theme = "light" | "dark";
