async function lambda(input) {
  await null;
  return { doubled: input.payload.n * 2 };
}
// expect: ok {"doubled":2}
