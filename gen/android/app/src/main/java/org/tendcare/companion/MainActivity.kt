package org.tendcare.companion

import android.os.Bundle
import android.view.WindowManager
import androidx.activity.enableEdgeToEdge

class MainActivity : TauriActivity() {
  override fun onCreate(savedInstanceState: Bundle?) {
    // Before anything is drawn: no screenshots or screen recording of Tend, and the
    // recent-apps switcher shows a blank card instead of what was on screen.
    window.setFlags(
      WindowManager.LayoutParams.FLAG_SECURE,
      WindowManager.LayoutParams.FLAG_SECURE,
    )
    enableEdgeToEdge()
    super.onCreate(savedInstanceState)
  }
}
