/** Fences around the customer facts in a prompt: what stands between them is data, never instructions. */
export const dataSectionStart = '<data>';
export const dataSectionEnd = '</data>';
