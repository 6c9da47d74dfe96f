/** GUIDE and QUIZ are the editor's `selected` values of the Preparation and Quiz pages (steps are 0…, details -1). */
export const GUIDE = -2;
export const QUIZ = -3;
