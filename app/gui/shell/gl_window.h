#pragma once
// The one OS window: GLFW with an OpenGL 3.3 core context, and Dear ImGui bound to it. Created and
// used on the main thread only; the destructor tears down in reverse order.
#include <epoxy/gl.h>
// epoxy must come before GLFW so that GLFW does not pull in the system GL header.
#include <GLFW/glfw3.h>

#include <chrono>
#include <string>

namespace xdd {

class GlWindow {
 public:
  // Throws IoError when GLFW, the window or the GL 3.3 context cannot be created (no display).
  GlWindow(int width, int height, const std::string& title);
  ~GlWindow();
  GlWindow(const GlWindow&) = delete;
  GlWindow& operator=(const GlWindow&) = delete;

  GLFWwindow* handle() const { return window_; }
  bool should_close() const { return glfwWindowShouldClose(window_); }
  void toggle_fullscreen();
  bool fullscreen() const { return fullscreen_; }

  // Starts an ImGui frame; renders it into the back buffer (where a screenshot can read it);
  // shows it. The framebuffer size is the window's drawable size in pixels.
  void begin_frame();
  // Ends the ImGui frame: its draw lists are complete (the app's own work for the frame is done).
  void end_frame();
  // Submits the draw lists to OpenGL (the driver rasterises them).
  void render(float clear_r, float clear_g, float clear_b);
  void swap() { glfwSwapBuffers(window_); }
  void framebuffer_size(int& width, int& height) const;

  // Wakes the main loop from another thread (safe to call from any thread).
  static void wake() { glfwPostEmptyEvent(); }

  // Seconds since the user last moved the mouse, clicked, scrolled or typed in the window (large
  // before the first input). Main thread only.
  double seconds_since_input() const;

 private:
  static void note_input(GLFWwindow* window);

  GLFWwindow* window_ = nullptr;
  std::chrono::steady_clock::time_point last_input_{};
  bool fullscreen_ = false;
  int saved_x_ = 0, saved_y_ = 0, saved_w_ = 0, saved_h_ = 0;  // windowed geometry to return to
};

}  // namespace xdd
