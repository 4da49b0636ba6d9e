async function lambda(input, callback) {
  // Calls an external HTTP API. Add the host to the domain allowlist (Settings) first:
  // requests to hosts that are not on it are refused.
  const { Toolbelt } = require("lp-faas-toolbelt");
  const httpClient = Toolbelt.HTTPClient();
  const url = (input.payload && input.payload.url) || "https://www.example.com/";
  try {
    const response = await httpClient({
      method: "GET",
      uri: url,
      simple: false,
      resolveWithFullResponse: true,
      timeout: 5000,
    });
    callback(null, { statusCode: response.statusCode, bytes: String(response.body).length });
  } catch (error) {
    console.error("HTTP request failed", { url, message: error.message });
    callback(error);
  }
}
