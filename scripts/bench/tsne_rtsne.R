# Rtsne (van der Maaten's bhtsne) on the MNIST test images, timed from the raw pixels: its own PCA to
# 50 dimensions, neighbours, and 1000 iterations (perplexity 30, theta 0.5, 2 threads); everything
# else at Rtsne's defaults. Usage: Rscript tsne_rtsne.R IMAGES_IDX OUT_CSV THREADS
suppressMessages(library(Rtsne))
args <- commandArgs(trailingOnly = TRUE)
read_idx_images <- function(path) {
  con <- file(path, "rb")
  on.exit(close(con))
  magic <- readBin(con, "integer", n = 1, size = 4, endian = "big")
  if (magic != 2051) stop(paste(path, "is not an IDX image file"))
  dims <- readBin(con, "integer", n = 3, size = 4, endian = "big")
  pixels <- readBin(con, "integer", n = prod(dims), size = 1, signed = FALSE)
  matrix(as.numeric(pixels), nrow = dims[1], ncol = dims[2] * dims[3], byrow = TRUE)
}
x <- read_idx_images(args[1])
set.seed(42)
start <- proc.time()[["elapsed"]]
res <- Rtsne(x, dims = 2, initial_dims = 50, perplexity = 30, theta = 0.5, max_iter = 1000,
             num_threads = as.integer(args[3]), pca = TRUE)
seconds <- proc.time()[["elapsed"]] - start
write.table(res$Y, args[2], sep = ",", row.names = FALSE, col.names = c("x", "y"))
cat(sprintf("rtsne_seconds %.3f\nrtsne_kl %.6f\n", seconds, tail(res$itercosts, 1)))
