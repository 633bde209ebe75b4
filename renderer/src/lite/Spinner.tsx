/** The console's small loading spinner; decorative (the text beside it says what is loading). */
export function Spinner() {
  return <span className="sc-spinner" aria-hidden="true" />;
}
