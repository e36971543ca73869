/** Every pair of adjacent characters (UTF-16 units) of a text its caller has already cleaned: the overlap measure of short labels and sentences. */
export function characterPairs(plain: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < plain.length; i++) pairs.add(plain.slice(i, i + 2));
  return pairs;
}
