/*
 * The AppImage runtime of Ops Console: the ELF program at the head of the .AppImage file,
 * followed by the SquashFS image of the AppDir (AppImage type 2 layout: the image starts where
 * the ELF file's section headers end; bytes 8-10 of the file are 'A' 'I' 2).
 *
 * This runtime only extracts and runs, the way the reference runtime behaves with
 * APPIMAGE_EXTRACT_AND_RUN=1: it needs no FUSE. The image is unpacked with libsquashfs
 * (squashfs-tools-ng, linked statically) into $TMPDIR/appimage_extracted_<key>, AppRun is run
 * with the arguments and the usual variables (APPIMAGE, APPDIR, ARGV0, OWD), and the folder is
 * removed afterwards (kept with NO_CLEANUP=1).
 *
 *   --appimage-extract   unpack into ./squashfs-root and stop
 *   --appimage-offset    print where the image starts and stop
 *   --appimage-version   print this runtime's name and stop
 *
 * Built by scripts/build_appimage.sh: gcc -static runtime.c -lsquashfs -llzma -lz ...
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqfs/compressor.h>
#include <sqfs/data_reader.h>
#include <sqfs/dir_reader.h>
#include <sqfs/error.h>
#include <sqfs/id_table.h>
#include <sqfs/inode.h>
#include <sqfs/io.h>
#include <sqfs/super.h>

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "AppImage runtime: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(127);
}

/* Where the SquashFS image starts: the end of the ELF section header table. */
static off_t elf_end(const char *path)
{
	int fd = open(path, O_RDONLY);
	Elf64_Ehdr ehdr;
	if (fd < 0 || read(fd, &ehdr, sizeof(ehdr)) != (ssize_t)sizeof(ehdr))
		die("cannot read", path);
	close(fd);
	if (memcmp(ehdr.e_ident, ELFMAG, SELFMAG) != 0 || ehdr.e_ident[EI_CLASS] != ELFCLASS64)
		die("not a 64-bit ELF file", path);
	return (off_t)(ehdr.e_shoff + (Elf64_Off)ehdr.e_shentsize * ehdr.e_shnum);
}

/* A read-only view of the image inside the .AppImage file, shifted by the offset. */
typedef struct {
	sqfs_file_t base;
	sqfs_file_t *inner;
	sqfs_u64 offset;
} shifted_file;

static int shifted_read(sqfs_file_t *file, sqfs_u64 offset, void *buffer, size_t size)
{
	shifted_file *f = (shifted_file *)file;
	return f->inner->read_at(f->inner, offset + f->offset, buffer, size);
}

static int shifted_write(sqfs_file_t *file, sqfs_u64 offset, const void *buffer, size_t size)
{
	(void)file, (void)offset, (void)buffer, (void)size;
	return SQFS_ERROR_UNSUPPORTED;
}

static sqfs_u64 shifted_size(const sqfs_file_t *file)
{
	const shifted_file *f = (const shifted_file *)file;
	return f->inner->get_size(f->inner) - f->offset;
}

static int shifted_truncate(sqfs_file_t *file, sqfs_u64 size)
{
	(void)file, (void)size;
	return SQFS_ERROR_UNSUPPORTED;
}

typedef struct {
	sqfs_data_reader_t *data;
	char *buffer;
	size_t buffer_size;
} extractor;

static void write_file(extractor *ex, const sqfs_inode_generic_t *inode, const char *path)
{
	sqfs_u64 size = 0, done = 0;
	sqfs_inode_get_file_size(inode, &size);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, inode->base.mode & 07777);
	if (fd < 0)
		die("cannot create", path);
	while (done < size) {
		sqfs_u32 want = (sqfs_u32)(size - done < ex->buffer_size ? size - done : ex->buffer_size);
		sqfs_s32 got = sqfs_data_reader_read(ex->data, inode, done, ex->buffer, want);
		if (got <= 0)
			die("cannot read the image's data for", path);
		if (write(fd, ex->buffer, (size_t)got) != got)
			die("cannot write", path);
		done += (sqfs_u64)got;
	}
	if (close(fd) != 0)
		die("cannot write", path);
}

static void extract_node(extractor *ex, const sqfs_tree_node_t *node, const char *path)
{
	const sqfs_inode_generic_t *inode = node->inode;
	switch (inode->base.type) {
	case SQFS_INODE_DIR:
	case SQFS_INODE_EXT_DIR:
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			die("cannot create the folder", path);
		for (const sqfs_tree_node_t *child = node->children; child; child = child->next) {
			char sub[PATH_MAX];
			if (snprintf(sub, sizeof(sub), "%s/%s", path, (const char *)child->name) >= (int)sizeof(sub))
				die("path too long", path);
			extract_node(ex, child, sub);
		}
		chmod(path, inode->base.mode & 07777);
		break;
	case SQFS_INODE_FILE:
	case SQFS_INODE_EXT_FILE:
		write_file(ex, inode, path);
		break;
	case SQFS_INODE_SLINK:
	case SQFS_INODE_EXT_SLINK: {
		char target[PATH_MAX];
		size_t n = inode->data.slink.target_size;
		if (n >= sizeof(target))
			die("symbolic link target too long", path);
		memcpy(target, inode->extra, n);
		target[n] = '\0';
		if (symlink(target, path) != 0 && errno != EEXIST)
			die("cannot create the link", path);
		break;
	}
	default:
		break; /* devices, sockets, pipes: an AppDir has none */
	}
}

/* Unpack the image at `offset` of `image` into the folder `target`. */
static void extract(const char *image, off_t offset, const char *target)
{
	sqfs_file_t *inner = sqfs_open_file(image, SQFS_FILE_OPEN_READ_ONLY);
	if (!inner)
		die("cannot open", image);
	shifted_file file = {
		.base = {.read_at = shifted_read, .write_at = shifted_write, .get_size = shifted_size, .truncate = shifted_truncate},
		.inner = inner,
		.offset = (sqfs_u64)offset,
	};
	sqfs_file_t *f = &file.base;
	sqfs_super_t super;
	if (sqfs_super_read(&super, f) != 0)
		die("no SquashFS image after the runtime in", image);
	sqfs_compressor_config_t cfg;
	sqfs_compressor_t *cmp = NULL;
	sqfs_compressor_config_init(&cfg, super.compression_id, super.block_size, SQFS_COMP_FLAG_UNCOMPRESS);
	if (sqfs_compressor_create(&cfg, &cmp) != 0)
		die("unsupported compression in", image);
	sqfs_id_table_t *ids = sqfs_id_table_create(0);
	sqfs_dir_reader_t *dirs = sqfs_dir_reader_create(&super, cmp, f, 0);
	sqfs_data_reader_t *data = sqfs_data_reader_create(f, super.block_size, cmp, 0);
	if (!ids || !dirs || !data || sqfs_id_table_read(ids, f, &super, cmp) != 0 ||
	    sqfs_data_reader_load_fragment_table(data, &super) != 0)
		die("cannot read the image's tables in", image);
	sqfs_tree_node_t *root = NULL;
	if (sqfs_dir_reader_get_full_hierarchy(dirs, ids, NULL, 0, &root) != 0)
		die("cannot read the image's folders in", image);
	extractor ex = {.data = data, .buffer_size = super.block_size};
	ex.buffer = malloc(ex.buffer_size);
	if (!ex.buffer)
		die("out of memory", NULL);
	extract_node(&ex, root, target);
	free(ex.buffer);
	sqfs_dir_tree_destroy(root);
	sqfs_destroy(data);
	sqfs_destroy(dirs);
	sqfs_destroy(ids);
	sqfs_destroy(cmp);
	sqfs_destroy(inner);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

int main(int argc, char **argv)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		die("cannot find its own file", NULL);
	self[n] = '\0';
	off_t offset = elf_end(self);

	if (argc > 1 && strcmp(argv[1], "--appimage-offset") == 0) {
		printf("%lld\n", (long long)offset);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--appimage-version") == 0) {
		puts("Ops Console AppImage runtime (extract and run, no FUSE)");
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--appimage-extract") == 0) {
		extract(self, offset, "squashfs-root");
		puts("squashfs-root");
		return 0;
	}

	const char *tmp = getenv("TMPDIR");
	char appdir[PATH_MAX];
	snprintf(appdir, sizeof(appdir), "%s/appimage_extracted_XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(appdir))
		die("cannot create a folder in", tmp && *tmp ? tmp : "/tmp");
	extract(self, offset, appdir);

	char apprun[PATH_MAX], owd[PATH_MAX];
	snprintf(apprun, sizeof(apprun), "%s/AppRun", appdir);
	setenv("APPIMAGE", self, 1);
	setenv("APPDIR", appdir, 1);
	setenv("ARGV0", argv[0], 1);
	if (getcwd(owd, sizeof(owd)))
		setenv("OWD", owd, 1);
	pid_t child = fork();
	if (child < 0)
		die("cannot start AppRun", NULL);
	if (child == 0) {
		argv[0] = apprun;
		execv(apprun, argv);
		die("cannot run", apprun);
	}
	int status = 0;
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	const char *keep = getenv("NO_CLEANUP");
	if (!(keep && *keep == '1'))
		nftw(appdir, remove_entry, 64, FTW_DEPTH | FTW_PHYS);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
