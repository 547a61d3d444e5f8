# Exports R's own data sets used by the tests to CSV under tests/data/ (so Python reads exactly
# the same numbers). psych::bfi: 2800 x 28, 25 personality items (1-6) with missing values.
bfi_data <- psych::bfi
write.csv(bfi_data, file.path(DATA_DIR, "bfi.csv"), row.names = FALSE, na = "")
