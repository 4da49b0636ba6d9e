// The API page: Swagger UI (static/vendor/swagger-ui) over /api/openapi.json. "Authorize"
// takes an access token from /oauth/token; "Try it out" calls this server.
(function () {
  "use strict";
  function start() {
    if (!window.SwaggerUIBundle) return;
    window.SwaggerUIBundle({
      url: "/api/openapi.json",
      dom_id: "#swagger-ui",
      deepLinking: true,
      docExpansion: "list",
      defaultModelsExpandDepth: 0,
      displayRequestDuration: true,
      tryItOutEnabled: false,
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
