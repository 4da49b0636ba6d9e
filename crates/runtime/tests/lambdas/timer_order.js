function lambda(input, callback) {
  const order = [];
  setTimeout(() => order.push('b'), 20);
  setTimeout(() => order.push('a'), 10);
  setTimeout(() => { order.push('c'); callback(null, order.join('')); }, 30);
  Promise.resolve().then(() => order.push('micro'));
}
// expect: ok "microabc"
