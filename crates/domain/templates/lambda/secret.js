async function lambda(input, callback) {
  // Reads and updates an account secret. Create the secret "my-counter" (type number) in
  // Settings first; lambdas can update existing secrets but not create new ones.
  const { Toolbelt } = require("lp-faas-toolbelt");
  const secretClient = Toolbelt.SecretClient();
  try {
    const secret = await secretClient.readSecret("my-counter");
    const next = Number(secret.value) + 1;
    const updated = await secretClient.updateSecret({ key: secret.key, value: next });
    callback(null, { counter: updated.value });
  } catch (error) {
    callback(error);
  }
}
