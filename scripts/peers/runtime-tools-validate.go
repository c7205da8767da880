// runtime-tools-validate: the bench peer for opencontainers/runtime-tools' validate package,
// built by scripts/peers/setup-peers.sh from Debian's golang-github-opencontainers-runtime-tools-dev
// (GOPATH mode, GO111MODULE=off) into build/peers/bin/runtime-tools-validate.
//
// Debian's package ships the library only (no cmd/), so this is a minimal main doing per bundle
// what `oci-runtime-tool validate --path BUNDLE` does (cmd/oci-runtime-tool/validate.go upstream):
// log level "error", validate.NewValidatorFromPath(bundle, hostSpecific=false, "linux"),
// CheckAll() (the JSON schema plus runtime-tools' own checks), specerror.SplitLevel(err, MUST)
// so that SHOULD-level findings are only printed, then "Bundle validation succeeded." or the
// errors. The flag parsing is the standard library's instead of urfave/cli.
//
// Differences from the real command, for the benchmark: several bundles may be given and are
// validated one after another in this one process (the real command takes one --path), and a
// summary line "files=N valid=V invalid=I" ends the output, as in the other peers. The exit code
// is 1 when any bundle is invalid (the real command exits 1 through logrus.Fatal).
//
// A bundle is a directory holding config.json (runtime-tools reads nothing else by that name)
// and, for a clean CheckRoot, the directory root.path names.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	rfc2119 "github.com/opencontainers/runtime-tools/error"
	"github.com/opencontainers/runtime-tools/specerror"
	"github.com/opencontainers/runtime-tools/validate"
	"github.com/sirupsen/logrus"
)

func validateBundle(path, platform string, hostSpecific bool, level rfc2119.Level) error {
	v, err := validate.NewValidatorFromPath(path, hostSpecific, platform)
	if err != nil {
		return err
	}
	if err := v.CheckAll(); err != nil {
		levelErrors, err := specerror.SplitLevel(err, level)
		if err != nil {
			return err
		}
		for _, e := range levelErrors.Warnings {
			logrus.Warn(e)
		}
		if levelErrors.Error != nil {
			return levelErrors.Error
		}
	}
	return nil
}

func main() {
	platform := flag.String("platform", "linux", "platform of the target bundle (linux, windows, solaris)")
	hostSpecific := flag.Bool("host-specific", false, "do host-specific validations")
	levelName := flag.String("compliance-level", "must", "compliance level (may, should or must)")
	logLevelName := flag.String("log-level", "error", "log level (panic, fatal, error, warn, info, or debug)")
	list := flag.String("list", "", "a file listing bundle directories, one per line")
	quiet := flag.Bool("quiet", false, "print only the summary line")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: %s [--platform P] [--quiet] [--list FILE] BUNDLE...\n", os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()

	logLevel, err := logrus.ParseLevel(*logLevelName)
	if err != nil {
		logrus.Fatal(err)
	}
	logrus.SetLevel(logLevel)
	level, err := rfc2119.ParseLevel(*levelName)
	if err != nil {
		level = rfc2119.Must
		logrus.Warningf("%s, using 'MUST' by default.", err.Error())
	}

	bundles := flag.Args()
	if *list != "" {
		f, err := os.Open(*list)
		if err != nil {
			logrus.Fatal(err)
		}
		scanner := bufio.NewScanner(f)
		for scanner.Scan() {
			if line := strings.TrimSpace(scanner.Text()); line != "" {
				bundles = append(bundles, line)
			}
		}
		f.Close()
	}
	if len(bundles) == 0 {
		flag.Usage()
		os.Exit(2)
	}

	out := bufio.NewWriter(os.Stdout)
	valid, invalid := 0, 0
	for _, bundle := range bundles {
		if err := validateBundle(bundle, *platform, *hostSpecific, level); err != nil {
			invalid++
			if !*quiet {
				fmt.Fprintf(out, "%s: %v\n", bundle, err)
			}
		} else {
			valid++
			if !*quiet {
				fmt.Fprintf(out, "%s: Bundle validation succeeded.\n", bundle)
			}
		}
	}
	fmt.Fprintf(out, "files=%d valid=%d invalid=%d\n", len(bundles), valid, invalid)
	out.Flush()
	if invalid > 0 {
		os.Exit(1)
	}
}
