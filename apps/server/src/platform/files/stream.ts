/**
 * Reads a text stream to its end, counting characters and cancelling the stream the moment the count passes
 * `max`: what is held never exceeds `max` plus one chunk. `null` means "over the cap".
 */
export async function readTextCapped(stream: ReadableStream<string>, max: number): Promise<string | null> {
  const reader = stream.getReader();
  const parts: string[] = [];
  let count = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts.join('');
    count += value.length;
    if (count > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
}
