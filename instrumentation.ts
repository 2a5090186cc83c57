/** Opens, migrates and (for the embedded demo) seeds the database as the server starts, inside the server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDatabase } = await import("./db");
    await getDatabase();
  }
}
