// Node's crypto, part 5 of 5: the module's exports.

const webcrypto = { subtle, getRandomValues, randomUUID: () => natives.randomUUID(), CryptoKey };

module.exports = {
  createHash, createHmac, getHashes, randomBytes, randomInt, getRandomValues, randomUUID: () => natives.randomUUID(),
  timingSafeEqual, pbkdf2, pbkdf2Sync, constants, KeyObject, createPrivateKey, createPublicKey, createSecretKey,
  createSign, createVerify, sign, verify, createCipheriv, createDecipheriv, getCiphers, webcrypto, subtle,
};
