//go:build desktop

package app

import (
	"context"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// singleInstance is the window's lock: a second launch on the same data
// folder hands its arguments to this window, which comes to the front.
func (b *App) singleInstance(dataDir string) *options.SingleInstanceLock {
	return &options.SingleInstanceLock{
		UniqueId: instanceID(dataDir),
		OnSecondInstanceLaunch: func(options.SecondInstanceData) {
			if b.ctx == nil {
				return
			}
			runtime.WindowUnminimise(b.ctx)
			runtime.WindowShow(b.ctx)
			b.log.Info("second launch on this data folder: window brought to the front")
		},
	}
}

// focusRunning is called when the data folder is locked by another
// server: Wails' single-instance lock tells the running window to come to
// the front and exits this process. If nobody answers (the other server is
// headless, or there is no session bus), the hidden window quits at once.
func focusRunning(dataDir string, assets fs.FS) {
	wails.Run(&options.App{
		Title:              "Open Codelabs",
		StartHidden:        true,
		AssetServer:        &assetserver.Options{Assets: assets},
		SingleInstanceLock: &options.SingleInstanceLock{UniqueId: instanceID(dataDir)},
		OnDomReady:         func(ctx context.Context) { runtime.Quit(ctx) },
	})
}
